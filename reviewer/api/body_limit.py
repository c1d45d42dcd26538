"""ASGI middleware refusing request bodies over a cap (413) before they are buffered.

A declared Content-Length over the cap is refused at once; a chunked body is counted as it
streams in, and answered 413 as soon as it passes the cap.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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
        refused = False

        async def limited_receive() -> Message:
            nonlocal seen, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message.get("type") == "http.request":
                seen += len(message.get("body", b""))
                if seen > cap:
                    # Answer 413 now and tell the app the client went away; whatever the app
                    # answers afterwards is dropped (FastAPI would turn an exception here into 400).
                    refused = True
                    await _send_413(send, cap)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            if not refused:
                await send(message)

        await self.app(scope, limited_receive, guarded_send)


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
