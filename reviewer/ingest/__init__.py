"""Sources of a change: diff text, git, plain paths. Each produces a ``Changeset``."""
