"""Command-line interface (click). ``main(argv) -> int`` is the testable entry point."""
