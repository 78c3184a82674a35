"""SYNTHETIC benchmark data in the real graph's shape (never facts, never in data/): ``python -m bench.synthetic``."""

from bench.synthetic.generate import generate, main, parse_size, write_build

__all__ = ["generate", "main", "parse_size", "write_build"]
