"""``python -m bench.synthetic --size 100k --out var/bench/100k``."""

from bench.synthetic.generate import main

raise SystemExit(main())
