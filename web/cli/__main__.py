"""``python -m web.cli``: the ``sendkg`` command."""

import sys

from web.cli import main

sys.exit(main())
