"""Detection-quality evaluation over a labelled corpus (``reviewer eval``)."""
