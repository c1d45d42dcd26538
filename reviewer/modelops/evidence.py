"""Predictions stored per review, and the evidence a comparison needs: predictions and labels.

Labels come from triage by place (``models_policy.labels``): a finding of any scanner that a
human confirmed, fixed or marked a false positive labels every unit of the *same review* whose
lines overlap it; a checklist sign-off for an item of a classifier class labels that review's
units negative (except units already positive). Data access only: flushes, never commits.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from reviewer.classifier.labels import CLASSES
from reviewer.db.models import Checklist, ChecklistItem, ChecklistSignoff, Finding, FindingGroup, Review
from reviewer.modelops.tables import ModelPrediction
from reviewer.models_policy.compare import Prediction
from reviewer.models_policy.labels import (
    NEGATIVE_STATES,
    POSITIVE_STATES,
    Label,
    TriagedFinding,
    UnitSpan,
    labels_from_signoff,
    labels_from_triage,
)

CHUNK = 500


def add_predictions(rows: Iterable[ModelPrediction], *, session: Session) -> int:
    rows = list(rows)
    session.add_all(rows)
    session.flush()
    return len(rows)


def predictions_of_review(review_id: str, *, session: Session) -> list[ModelPrediction]:
    stmt = select(ModelPrediction).where(ModelPrediction.review_id == review_id)
    return list(session.scalars(stmt.order_by(ModelPrediction.id)))


def prediction_rows(models: Sequence[str], *, session: Session) -> list[Row[Any]]:
    """The columns a comparison needs of every prediction of these versions, oldest first (so the
    latest per unit counts last). Plain rows, not ORM objects: histories run to many thousands."""
    p = ModelPrediction
    stmt = (
        select(
            p.id,
            p.review_id,
            p.model,
            p.unit,
            p.path,
            p.start_line,
            p.end_line,
            p.predicted,
            p.latency_ms,
            p.compute_s,
        )
        .where(p.model.in_(list(models)))
        .order_by(p.created_at, p.id)
    )
    return list(session.execute(stmt))


def _chunks(values: Sequence[str]) -> Iterable[list[str]]:
    for start in range(0, len(values), CHUNK):
        yield list(values[start : start + CHUNK])


def _triaged(review_ids: Sequence[str], *, session: Session) -> dict[str, list[TriagedFinding]]:
    decisive = sorted(POSITIVE_STATES | NEGATIVE_STATES)
    found: dict[str, list[TriagedFinding]] = defaultdict(list)
    for chunk in _chunks(review_ids):
        stmt = (
            select(
                Finding.review_id,
                Finding.path,
                Finding.start_line,
                Finding.end_line,
                Finding.category,
                FindingGroup.state,
            )
            .join(FindingGroup, Finding.group_id == FindingGroup.id)
            .where(Finding.review_id.in_(chunk), FindingGroup.state.in_(decisive))
        )
        for review_id, path, start, end, category, state in session.execute(stmt):
            # The repository is the review's: units and findings are matched within one review.
            found[review_id].append(TriagedFinding("", path, start, end, category, state))
    return found


def _signoff_classes(review_ids: Sequence[str], *, session: Session) -> dict[str, set[str]]:
    """Per review, the classifier classes a human signed off as sound."""
    found: dict[str, set[str]] = defaultdict(set)
    for chunk in _chunks(review_ids):
        stmt = (
            select(ChecklistSignoff.review_id, ChecklistItem.category)
            .join(Review, Review.id == ChecklistSignoff.review_id)
            .join(
                Checklist,
                (Checklist.slug == Review.checklist_slug) & (Checklist.version == Review.checklist_version),
            )
            .join(
                ChecklistItem,
                (ChecklistItem.checklist_id == Checklist.id)
                & (ChecklistItem.key == ChecklistSignoff.item_key),
            )
            .where(ChecklistSignoff.review_id.in_(chunk))
        )
        for review_id, category in session.execute(stmt):
            if category in CLASSES:
                found[review_id].add(category)
    return found


def labels_for(rows: Sequence[Any], *, session: Session) -> list[Label]:
    """Labels on the units of ``rows``, from triage and sign-offs in the reviews that scored them."""
    spans: dict[str, dict[str, UnitSpan]] = defaultdict(dict)
    first: dict[str, int] = {}
    for row in rows:
        spans[row.review_id][row.unit] = UnitSpan(row.unit, "", row.path, row.start_line, row.end_line)
        first.setdefault(row.review_id, row.id)
    review_ids = sorted(spans)
    triaged = _triaged(review_ids, session=session)
    signed = _signoff_classes(review_ids, session=session)
    labels: list[Label] = []
    # Reviews in time order of their first prediction, so later decisions on a unit count last.
    for review_id in sorted(spans, key=first.__getitem__):
        units = list(spans[review_id].values())
        from_triage = labels_from_triage(units, triaged.get(review_id, ()))
        labels.extend(from_triage)
        for cls in sorted(signed.get(review_id, ())):
            labels.extend(labels_from_signoff(units, cls, from_triage))
    return labels


def comparison_inputs(a: str, b: str, *, session: Session) -> tuple[list[Prediction], list[Label]]:
    rows = prediction_rows([a, b], session=session)
    predictions = [
        Prediction(r.model, r.unit, frozenset(r.predicted or ()), r.latency_ms, r.compute_s) for r in rows
    ]
    return predictions, labels_for(rows, session=session)
