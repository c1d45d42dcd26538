"""Use cases of the service: submit a review, run the review job, triage, sign off.

Every surface (REST API, GitHub webhook, web UI, CLI) calls these; the data-access functions
in ``reviewer.db`` flush only, and the edge that called the use case commits once.
"""
