import random
import string


def generate_reset_token(length: int = 32) -> str:
    """Create a password reset token."""
    alphabet = string.ascii_letters + string.digits
    return "".join(random.choice(alphabet) for _ in range(length))
