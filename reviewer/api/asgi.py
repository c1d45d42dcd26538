"""ASGI factory for servers that import the app by name (``uvicorn --factory``, several workers).

``uvicorn reviewer.api.asgi:make_app --factory``: Settings are read when the server calls it.
"""

from __future__ import annotations

from fastapi import FastAPI

from reviewer.settings import Settings


def make_app() -> FastAPI:
    from reviewer.api.app import create_app

    return create_app(Settings())
