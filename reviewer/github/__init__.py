"""GitHub pull-request integration: webhook in, check run with annotations out.

Modules, each with one job: ``signature`` (HMAC check), ``payloads`` (webhook models),
``auth`` (App JWT / installation tokens / PAT), ``client`` (HTTP with retries), ``fetch``
(pull request -> Changeset), ``render`` (check-run summary, annotations, comment), ``reporter``
(posting them), ``store`` (tables), ``jobs`` (background steps), ``webhook_route`` (FastAPI).
"""
