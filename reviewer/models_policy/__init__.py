"""Model versions in production, as pure logic: no database, no HTTP, no clock reads.

``registry`` (versions and their state transitions, with audit events), ``routing`` (shadow and
sticky split per repository), ``stats`` (Wilson intervals, percentiles), ``labels`` (triage
and sign-offs to labels on scored units), ``compare`` (two versions on the same units) and
``guard`` (may a candidate be promoted). The service stores and serves what these compute.
"""
