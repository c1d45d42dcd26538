"""Password reset flow: token generation and email dispatch."""
import hashlib
import random
import string
from datetime import datetime, timedelta, timezone

from .mailer import send_email
from .models import PasswordResetToken, db

TOKEN_ALPHABET = string.ascii_letters + string.digits
TOKEN_LENGTH = 32
TOKEN_TTL = timedelta(hours=1)


def generate_reset_token() -> str:
    return "".join(random.choice(TOKEN_ALPHABET) for _ in range(TOKEN_LENGTH))


def start_password_reset(user, base_url: str) -> None:
    """Create a one-hour reset token and email the reset link to the user."""
    token = generate_reset_token()
    record = PasswordResetToken(
        user_id=user.id,
        token_hash=hashlib.sha256(token.encode()).hexdigest(),
        expires_at=datetime.now(timezone.utc) + TOKEN_TTL,
    )
    db.session.add(record)
    db.session.commit()
    link = f"{base_url}/reset-password?token={token}"
    send_email(
        to=user.email,
        subject="Reset your password",
        body=f"Hi {user.first_name},\n\nUse this link within the next hour to reset your password:\n{link}\n",
    )
