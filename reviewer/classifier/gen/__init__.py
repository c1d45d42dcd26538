"""Seeded generators of labelled code for the classes public data does not cover.

Each generator module exposes ``TEMPLATES``: a list of functions ``(rng) -> Snippet``. Templates
vary the framework, naming style, language and wording; a template's name is its group, so
``reviewer.classifier.datagen`` can hold whole templates out of training for an honest score.
"""
