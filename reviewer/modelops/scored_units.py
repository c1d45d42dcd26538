"""The units one review scored, and the prediction rows that refer to them.

A unit's key is ``sha256(repository, path, normalised unit text)``: the same for every model and
for every push of the same code, never a line number, so a shadow version and the primary are
judged on the same units and repeated pushes count once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from reviewer.classifier.labels import CLASSES, rule_id
from reviewer.classifier.units import Unit
from reviewer.db.review_store import DEFAULT_REPOSITORY
from reviewer.findings import ReviewOutcome
from reviewer.modelops.shadow import RoutedClassifierScanner, ShadowScores
from reviewer.modelops.tables import ModelPrediction


def unit_key(repository: str, path: str, text: str) -> str:
    """The same for every model and every push of the same code: never a line number."""
    normalised = "\n".join(line.strip() for line in text.splitlines() if line.strip())
    return hashlib.sha256(f"{repository.lower()}\0{path}\0{normalised}".encode()).hexdigest()


def _finding_places(outcome: ReviewOutcome) -> set[tuple[str, str, int]]:
    """(rule, path, line) for every line a classifier finding covers."""
    places = set()
    for f in outcome.findings:
        if "classifier" in f.scanners:
            for line in range(f.location.start_line, max(f.location.start_line, f.location.end_line) + 1):
                places.add((f.rule, f.location.path, line))
    return places


@dataclass(frozen=True)
class ScoredUnits:
    """The units one review scored, with their stable keys: what every prediction row refers to."""

    review_id: str
    repository: str
    units: tuple[Unit, ...]
    keys: tuple[str, ...]

    @classmethod
    def of(cls, review: Any, scanner: RoutedClassifierScanner) -> ScoredUnits:
        repository = review.repository.full_name if review.repository is not None else DEFAULT_REPOSITORY
        units = scanner.scored_units
        return cls(review.id, repository, units, tuple(unit_key(repository, u.path, u.text) for u in units))

    def _row(self, i: int, **values: Any) -> ModelPrediction:
        unit = self.units[i]
        return ModelPrediction(
            review_id=self.review_id,
            repository=self.repository,
            unit=self.keys[i],
            path=unit.path,
            start_line=unit.start_line,
            end_line=unit.end_line,
            **values,
        )

    def serving_rows(
        self, outcome: ReviewOutcome, scanner: RoutedClassifierScanner, role: str
    ) -> list[ModelPrediction]:
        places = _finding_places(outcome)
        rows = []
        for i, p in enumerate(scanner.predictions[: len(self.units)]):
            became = any((rule_id(c), p.path, line) in places for c in p.reported for line in p.added_lines)
            rows.append(
                self._row(
                    i,
                    model=f"{p.model.name}@{p.model.version}",
                    model_checksum=p.model.checksum,
                    role=role,
                    scores=dict(zip(CLASSES, p.scores, strict=True)),
                    predicted=list(p.reported),
                    latency_ms=p.latency_ms,
                    compute_s=p.latency_ms / 1000,
                    backend=p.backend,
                    became_finding=became,
                )
            )
        return rows

    def shadow_rows(self, shadow: ShadowScores) -> list[ModelPrediction]:
        return [
            self._row(
                i,
                model=shadow.ref,
                model_checksum=shadow.checksum,
                role="shadow",
                scores=dict(zip(CLASSES, scores, strict=True)),
                predicted=list(predicted),
                latency_ms=shadow.latency_ms,
                compute_s=shadow.latency_ms / 1000,
                backend=shadow.backend,
                became_finding=False,
            )
            for i, (scores, predicted) in enumerate(zip(shadow.scores, shadow.predicted, strict=True))
        ]
