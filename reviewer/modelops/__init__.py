"""Model versions wired into the product: tables, data access, use cases and the per-review router.

The decisions themselves (state transitions, routing, labels, comparison, guard) are pure and
live in ``reviewer.models_policy``; this package stores what they compute, loads what they need,
and hooks the routing into the review job (``review_hook``) so that the version serving findings
and the versions scored in shadow are fixed when a review starts.
"""
