"""Pure detection helpers shared by the project's own scanners (no I/O, no subprocesses)."""
