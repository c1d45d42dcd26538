"""ASGI middleware refusing request bodies over a cap (413) before they are buffered.

A declared Content-Length over the cap is refused at once; a chunked body is counted as it
streams in and cut off when it passes the cap.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reviewer.errors import InputTooLarge

Scope = dict[str, Any]
Message = dict[str, Any]


class BodyLimitMiddleware:
    def __init__(self, app: Any, cap_for: Callable[[str], int]) -> None:
        self.app = app
        self.cap_for = cap_for  # path -> byte cap

    async def __call__(self, scope: Scope, receive: Callable[[], Any], send: Callable[..., Any]) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cap = self.cap_for(scope.get("path", ""))
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > cap:
                    await _send_413(send, cap)
                    return
        seen = 0

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message.get("type") == "http.request":
                seen += len(message.get("body", b""))
                if seen > cap:
                    raise InputTooLarge(f"request body over {cap} bytes")
            return message

        await self.app(scope, limited_receive, send)


async def _send_413(send: Callable[[Message], Any], cap: int) -> None:
    import json

    body = json.dumps(
        {
            "type": "about:blank",
            "title": "Input too large",
            "status": 413,
            "detail": f"request body over {cap} bytes",
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/problem+json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
