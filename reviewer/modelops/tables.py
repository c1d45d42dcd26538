"""Tables for model versions: versions, deployment policies, predictions, and the audit trail.

On the service's declarative ``Base`` (listed in ``reviewer.db.models.MODEL_MODULES``), migrated by
``migrations/versions/*_model_versions.py``. ``ModelAuditEvent`` rows are append-only, like triage
events: the ORM refuses to update or delete them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column

from reviewer.db.base import Base, BigId, Json, UTCDateTime, utcnow

DEFAULT_SCOPE = "*"  # the installation-wide policy row; other rows are lower-case owner/name


class ModelVersion(Base):
    """One registered model version (``name@version`` names one checksum forever)."""

    __tablename__ = "model_versions"
    __table_args__ = (Index("ix_model_versions_ref", "ref", unique=True),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    ref: Mapped[str] = mapped_column(String(210))  # name@version
    name: Mapped[str] = mapped_column(String(100))
    version: Mapped[str] = mapped_column(String(100))
    checksum: Mapped[str] = mapped_column(String(64))
    size_bytes: Mapped[int] = mapped_column(BigId, default=0)
    metrics: Mapped[dict[str, float]] = mapped_column(Json, default=dict)
    state: Mapped[str] = mapped_column(String(16), default="candidate")  # candidate | primary | retired
    # Where it runs: a model folder readable by the API/worker, and/or its own v2 replicas.
    path: Mapped[str | None] = mapped_column(Text)
    server_urls: Mapped[list[str]] = mapped_column(Json, default=list)
    # Position on the rollback stack (the primaries before the current one); None = not on it.
    rollback_position: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    registered_by: Mapped[str] = mapped_column(String(200), default="")


class ModelDeploymentPolicy(Base):
    """The installation's policy (``scope == '*'``) or one repository's override."""

    __tablename__ = "model_deployment_policies"
    __table_args__ = (Index("ix_model_deployment_policies_scope", "scope", unique=True),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    scope: Mapped[str] = mapped_column(String(200))
    policy: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)  # DeploymentPolicy.to_dict()
    revision: Mapped[int] = mapped_column(Integer, default=0)  # the PolicySet revision that wrote it
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(200), default="")


class ModelPrediction(Base):
    """One unit scored by one version in one review; shadow rows never became findings."""

    __tablename__ = "model_predictions"
    __table_args__ = (
        Index("ix_model_predictions_model_created", "model", "created_at"),
        Index("ix_model_predictions_review", "review_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    review_id: Mapped[str] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"))
    repository: Mapped[str] = mapped_column(String(200))  # owner/name, for matching triage by place
    model: Mapped[str] = mapped_column(String(210))  # ref, name@version
    model_checksum: Mapped[str] = mapped_column(String(64), default="")
    role: Mapped[str] = mapped_column(String(16))  # primary | split | shadow
    unit: Mapped[str] = mapped_column(String(64))  # sha256(repository, path, unit text): same for all models
    path: Mapped[str] = mapped_column(Text)
    start_line: Mapped[int] = mapped_column(Integer)
    end_line: Mapped[int] = mapped_column(Integer)
    scores: Mapped[dict[str, float]] = mapped_column(Json, default=dict)  # class -> calibrated probability
    predicted: Mapped[list[str]] = mapped_column(Json, default=list)  # classes at/above threshold
    latency_ms: Mapped[float] = mapped_column(Float, default=0.0)  # the unit's share of its batch
    compute_s: Mapped[float] = mapped_column(Float, default=0.0)
    backend: Mapped[str] = mapped_column(String(50), default="")
    became_finding: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class ModelAuditEvent(Base):
    """Append-only: registrations, promotions (forced or not), rollbacks, retirements, policy changes."""

    __tablename__ = "model_audit_events"
    __table_args__ = (Index("ix_model_audit_events_at", "at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    action: Mapped[str] = mapped_column(String(20))
    model: Mapped[str | None] = mapped_column(String(210))
    actor: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    forced: Mapped[bool] = mapped_column(Boolean, default=False)
    details: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)


@event.listens_for(ModelAuditEvent, "before_update")
@event.listens_for(ModelAuditEvent, "before_delete")
def _refuse_rewriting_history(mapper: Any, connection: Any, target: ModelAuditEvent) -> None:
    raise RuntimeError("model audit events are append-only")
