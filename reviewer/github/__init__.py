"""GitHub pull-request integration: webhook in, check run with annotations out.

Pure or HTTP-only modules: ``signature`` (HMAC check), ``payloads`` (webhook models), ``auth``
(App JWT, installation-token cache, PAT), ``client`` (HTTP with retries and rate limits),
``fetch`` (pull request -> Changeset), ``render`` (conclusion, summary, annotations, comment),
``reporter`` (check run and comment writes), ``policy`` (per-repository policy values).

Service modules: ``store`` (tables), ``outcome`` (stored review -> ReviewOutcome), ``events``
(webhook events -> rows), ``integration`` (built from Settings), ``check_job`` (fetch, review,
report; resumable), ``runner`` (in-process threads or Celery), ``webhook_route`` and
``policy_route`` (FastAPI routers). See docs/github.md.
"""
