"""``UiRoute``: the route class of every UI page.

Errors raised by the shared use cases (``reviewer.errors``) become HTML pages for these routes
only, so the API's problem-details handler stays as it is; a missing session becomes a
redirect to the sign-in page.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from fastapi.routing import APIRoute

from reviewer.errors import ReviewerError

log = logging.getLogger(__name__)
_REVIEW_PATH = re.compile(r"^/reviews/[0-9a-f]{32}")  # a form on a review page goes back there


class UiRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def ui_handler(request: Request) -> Response:
            from reviewer.ui.context import SignInRequired, render, sign_in_redirect

            try:
                return await handler(request)
            except SignInRequired as exc:
                return sign_in_redirect(exc.next_path)
            except ReviewerError as exc:
                if exc.http_status == 401:
                    return sign_in_redirect(request.url.path)
                status = exc.http_status if 400 <= exc.http_status < 500 else 500
                if status == 500:
                    log.error("ui error on %s: %s", request.url.path, type(exc).__name__)
                detail = str(exc) if status < 500 else "Something went wrong; the error has been logged."
                back = _REVIEW_PATH.match(request.url.path)
                return render(
                    request, "error.html.j2", getattr(request.state, "ui_viewer", None),
                    status_code=status, title=exc.title, detail=detail,
                    back=back.group(0) if back and status != 404 else "/reviews",
                )  # fmt: skip

        return ui_handler
