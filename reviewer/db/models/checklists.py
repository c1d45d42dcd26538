"""Checklists (synced from ``checklists/`` with their content hash) and per-review results.

A review pins the exact checklist version and content hash it was evaluated against; a new
version is a new row and never rewrites old results.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reviewer.db.base import Base, BigId, Json, UTCDateTime, utcnow


class Checklist(Base):
    __tablename__ = "checklists"
    __table_args__ = (UniqueConstraint("slug", "version"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    slug: Mapped[str] = mapped_column(String(100))
    version: Mapped[str] = mapped_column(String(50))
    title: Mapped[str] = mapped_column(String(300), default="")
    content_hash: Mapped[str] = mapped_column(String(64))
    document: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)
    synced_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    items: Mapped[list[ChecklistItem]] = relationship(
        back_populates="checklist", order_by="ChecklistItem.position", cascade="all, delete-orphan"
    )


class ChecklistItem(Base):
    __tablename__ = "checklist_items"
    __table_args__ = (UniqueConstraint("checklist_id", "key"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    checklist_id: Mapped[int] = mapped_column(ForeignKey("checklists.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str | None] = mapped_column(String(32))
    requires_signoff: Mapped[bool] = mapped_column(Boolean, default=False)
    data: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)

    checklist: Mapped[Checklist] = relationship(back_populates="items")


class ChecklistResult(Base):
    """The checklist evaluation of one review (``ChecklistResult.to_dict()`` as stored JSON)."""

    __tablename__ = "checklist_results"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    review_id: Mapped[str] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"), unique=True)
    checklist_id: Mapped[int | None] = mapped_column(ForeignKey("checklists.id", ondelete="SET NULL"))
    slug: Mapped[str] = mapped_column(String(100))
    version: Mapped[str] = mapped_column(String(50))
    content_hash: Mapped[str] = mapped_column(String(64))
    # {item key: status} for quick reads; the full evaluation is in ``result``.
    item_statuses: Mapped[dict[str, str]] = mapped_column(Json, default=dict)
    result: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class ChecklistSignoff(Base):
    """A human's sign-off of one checklist item of one review (one per item)."""

    __tablename__ = "checklist_signoffs"
    __table_args__ = (UniqueConstraint("review_id", "item_key"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    review_id: Mapped[str] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"))
    item_key: Mapped[str] = mapped_column(String(100))
    actor: Mapped[str] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
