"""Posting a review to GitHub: the ``reviewer`` check run and the optional summary comment.

Every write is safe to repeat. The check run is found again by ``external_id`` (the review
id) before one is created, annotation batches already sent are skipped on a retry (the caller
records progress through ``on_batch``), and the comment is found by its hidden marker and
edited in place, never posted twice.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from reviewer.github.client import ApiResponse, GitHubClient
from reviewer.github.render import CHECK_NAME, COMMENT_MARKER, CheckReport


def _found(resource: dict[str, object]) -> ApiResponse:
    """An answer standing in for a POST that had in fact succeeded before its reply was lost."""
    return ApiResponse(201, httpx.Headers(), json.dumps(resource).encode())


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass
class CheckRunReporter:
    client: GitHubClient
    owner: str
    repo: str

    @property
    def _base(self) -> str:
        return f"/repos/{self.owner}/{self.repo}"

    def find_check_run(self, head_sha: str, external_id: str) -> dict[str, object] | None:
        """The ``reviewer`` check run this review already created on ``head_sha``, if any."""
        runs = self.client.paginate(
            f"{self._base}/commits/{head_sha}/check-runs", {"check_name": CHECK_NAME, "filter": "all"}
        )
        for run in runs:
            if run.get("external_id") == external_id:
                return run
        return None

    def start(self, head_sha: str, external_id: str, details_url: str) -> int:
        """Create (or find) the check run and mark it in progress; return its id."""
        existing = self.find_check_run(head_sha, external_id)
        if existing is not None:
            return int(existing["id"])  # type: ignore[call-overload]

        def recover() -> ApiResponse | None:
            # The POST may have landed before its answer was lost: look before re-sending.
            found = self.find_check_run(head_sha, external_id)
            if found is None:
                return None
            return _found(found)

        resp = self.client.request(
            "POST",
            f"{self._base}/check-runs",
            json_body={
                "name": CHECK_NAME,
                "head_sha": head_sha,
                "status": "in_progress",
                "started_at": _now(),
                "external_id": external_id,
                "details_url": details_url,
                "output": {"title": "Review in progress", "summary": "Scanning the changed files…"},
            },
            recover=recover,
        )
        return int(resp.json()["id"])

    def complete(
        self,
        check_run_id: int,
        report: CheckReport,
        *,
        batches_sent: int = 0,
        details_url: str | None = None,
        on_batch: Callable[[int], None] | None = None,
    ) -> None:
        """Send the annotations in batches, completing the run with the last one.

        ``batches_sent`` skips batches a previous attempt already delivered (GitHub appends
        annotations, so re-sending would duplicate them); ``on_batch(n)`` is called after the
        n-th batch so the caller can record progress.
        """
        batches = report.batches()
        path = f"{self._base}/check-runs/{check_run_id}"
        for index, batch in enumerate(batches):
            if index < batches_sent:
                continue
            body: dict[str, object] = {
                "output": {"title": report.title, "summary": report.summary, "annotations": batch}
            }
            if index == len(batches) - 1:
                body.update(status="completed", conclusion=report.conclusion, completed_at=_now())
                if details_url:
                    body["details_url"] = details_url
            self.client.request("PATCH", path, json_body=body)
            if on_batch is not None:
                on_batch(index + 1)

    def fail(self, check_run_id: int, reason: str, title: str = "Review could not be completed") -> None:
        """Close the check run when the review itself could not be done (never left hanging)."""
        self.client.request(
            "PATCH",
            f"{self._base}/check-runs/{check_run_id}",
            json_body={
                "status": "completed",
                "conclusion": "neutral",
                "completed_at": _now(),
                "output": {"title": title, "summary": reason[:2000]},
            },
        )

    def find_comment(self, number: int) -> dict[str, object] | None:
        for comment in self.client.paginate(f"{self._base}/issues/{number}/comments"):
            if COMMENT_MARKER in str(comment.get("body", "")):
                return comment
        return None

    def upsert_comment(self, number: int, body: str) -> int:
        """Edit the pull request's summary comment in place, or post it the first time."""
        existing = self.find_comment(number)
        if existing is not None:
            comment_id = int(existing["id"])  # type: ignore[call-overload]
            if existing.get("body") != body:
                self.client.request(
                    "PATCH", f"{self._base}/issues/comments/{comment_id}", json_body={"body": body}
                )
            return comment_id

        def recover() -> ApiResponse | None:
            found = self.find_comment(number)
            if found is None:
                return None
            return _found(found)

        resp = self.client.request(
            "POST", f"{self._base}/issues/{number}/comments", json_body={"body": body}, recover=recover
        )
        return int(resp.json()["id"])
