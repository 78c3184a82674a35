"""Processes and live servers that the tests and the benchmark both run (the benchmark imports this, never tests/).

- ``processes``: free loopback ports, a process's children and tree, RSS and CPU time from /proc, waiting
  for processes to go, and ``ServerProcess``: any server as a child process, ready when a URL answers.
- ``servers``: ``sendkg serve`` and Oxigraph server as ``ServerProcess``es, and ``oxigraph load``.
- ``live``: the app under waitress in a thread of this process (``serving``), and a ``Listener`` that counts
  the connections it receives.
"""
