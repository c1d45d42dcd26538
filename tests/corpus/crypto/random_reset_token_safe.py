import secrets


def generate_reset_token(length: int = 32) -> str:
    """Create a password reset token."""
    return secrets.token_urlsafe(length)
