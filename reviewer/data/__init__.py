"""Data shipped with the package: popular package name lists for the dependency check."""
