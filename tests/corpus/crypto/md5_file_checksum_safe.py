import hashlib


def etag_for(content: bytes) -> str:
    """Cache validator for static files (not a security control)."""
    return hashlib.md5(content, usedforsecurity=False).hexdigest()
