"""The HTTP service: ``create_app(settings)`` builds a FastAPI app; nothing at import time."""
