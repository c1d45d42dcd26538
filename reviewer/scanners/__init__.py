"""Scanners: one Protocol (``base.Scanner``) and an explicit registry (``registry``)."""
