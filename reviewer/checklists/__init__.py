"""Versioned verification checklists: value types, loading and upgrades, evaluation, diffs.

``model`` (value types), ``schema`` + ``upgrades`` + ``loader`` (documents to checklists),
``evaluate`` (a review's findings to item statuses), ``diff`` (between two versions).
"""
