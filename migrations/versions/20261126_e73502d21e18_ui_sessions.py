"""ui sessions: server-side UI sessions (reviewer.ui.models.UiSession)

Revision ID: e73502d21e18
Revises: 8cf8ab8d55b4
Create Date: 2026-11-26 22:15:59.421804
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import reviewer.db.base

revision: str = "e73502d21e18"
down_revision: str | Sequence[str] | None = "8cf8ab8d55b4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "ui_sessions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("token_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("created_at", reviewer.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", reviewer.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", reviewer.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", reviewer.db.base.UTCDateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "(user_id IS NULL) <> (token_id IS NULL)", name=op.f("ck_ui_sessions_one_principal")
        ),
        sa.ForeignKeyConstraint(
            ["token_id"],
            ["api_tokens.id"],
            name=op.f("fk_ui_sessions_token_id_api_tokens"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_ui_sessions_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ui_sessions")),
    )
    with op.batch_alter_table("ui_sessions", schema=None) as batch_op:
        batch_op.create_index("ix_ui_sessions_expires_at", ["expires_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("ui_sessions", schema=None) as batch_op:
        batch_op.drop_index("ix_ui_sessions_expires_at")

    op.drop_table("ui_sessions")
