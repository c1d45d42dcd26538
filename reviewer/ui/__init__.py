"""The web UI for verification engineers: server-rendered pages on the API's own app.

``reviewer.ui.router.router`` is listed in ``reviewer.api.routers.ROUTERS``; it reads the
app's Runtime (settings, database sessions) on first use, so nothing here runs at import
time. Errors raised by the shared use cases become HTML pages for these routes only
(``reviewer.ui.routing.UiRoute``); the API's problem-details handler is untouched.
"""
