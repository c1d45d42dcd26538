"""Webhook events -> database changes. Runs after the signature was verified; commits once.

``pull_request`` events that change the code under review create a ``github_checks`` row (the
runner then does the slow work); installation events keep the installed repository list
current. Every delivery id is recorded first, so a redelivery changes nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from reviewer.db import review_store
from reviewer.github import store
from reviewer.github.payloads import (
    CheckRunEvent,
    InstallationEvent,
    InstallationRepositoriesEvent,
    PullRequestEvent,
    parse_event,
)
from reviewer.service.runtime import Runtime

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EventResult:
    status: int  # HTTP status to answer
    outcome: str  # what happened, for the answer and the delivery row
    check_id: str | None = None  # a check to hand to the runner after the commit


def _repository_of(payload: dict[str, Any]) -> str | None:
    repo = payload.get("repository")
    return str(repo.get("full_name")) if isinstance(repo, dict) and repo.get("full_name") else None


def handle_event(event: str, delivery_id: str, payload: dict[str, Any], *, runtime: Runtime) -> EventResult:
    """Record the delivery and apply the event in one transaction."""
    action = payload.get("action") if isinstance(payload.get("action"), str) else None
    with runtime.sessions.begin() as session:
        delivery = store.record_delivery(delivery_id, event, action, _repository_of(payload), session=session)
        if delivery is None:
            return EventResult(200, "duplicate delivery")
        if event == "pull_request":
            result = _pull_request(parse_event(PullRequestEvent, payload), delivery_id, session=session)
        elif event == "check_run":
            result = _check_run(parse_event(CheckRunEvent, payload), session=session)
        elif event == "installation":
            result = _installation(parse_event(InstallationEvent, payload), session=session)
        elif event == "installation_repositories":
            result = _installation_repositories(
                parse_event(InstallationRepositoriesEvent, payload), session=session
            )
        else:
            result = EventResult(204, "ignored event")
        delivery.outcome = result.outcome[:30]
        delivery.check_id = result.check_id
    return result


def _pull_request(ev: PullRequestEvent, delivery_id: str, *, session: Any) -> EventResult:
    if not ev.reviewable:
        return EventResult(204, "ignored action")
    installation_id = ev.installation.id if ev.installation else None
    if installation_id is not None and store.installation_suspended(installation_id, session=session):
        return EventResult(204, "installation suspended")
    pr = ev.pull_request
    check = store.add_check(
        store.GitHubCheck(
            repository=ev.repository.full_name,
            pull_number=pr.number,
            head_sha=pr.head.sha,
            head_ref=pr.head.ref or None,
            base_ref=pr.base.ref or None,
            title=pr.title[:500] or None,
            installation_id=installation_id,
            delivery_id=delivery_id,
        ),
        session=session,
    )
    if check is None:  # e.g. "reopened" or "ready_for_review" on a commit already reviewed
        existing = store.find_check(ev.repository.full_name, pr.number, pr.head.sha, session=session)
        if existing is not None and existing.state == store.CheckState.FAILED.value:
            # The last try gave up (GitHub down for long): this event is the cue to try again.
            existing.state = store.CheckState.QUEUED.value
            existing.attempts = 0
            existing.error = None
            return EventResult(202, "retrying failed check", existing.id)
        return EventResult(200, "head already reviewed")
    review_store.get_or_create_repository(ev.repository.full_name, session=session)
    return EventResult(202, "queued", check.id)


def _check_run(ev: CheckRunEvent, *, session: Any) -> EventResult:
    """ "Re-run" on our check run: review that head commit again, reported on a new check run."""
    if ev.action != "rerequested" or not ev.check_run.external_id:
        return EventResult(204, "ignored action")
    check = session.get(store.GitHubCheck, store.check_id_of(ev.check_run.external_id))
    if check is None or check.repository != ev.repository.full_name:
        return EventResult(204, "unknown check run")
    if not check.state_enum.finished:
        return EventResult(200, "check already running")
    check.state = store.CheckState.QUEUED.value
    check.review_id = None  # a re-run means a fresh review (rules or models may have changed)
    check.check_run_id = None  # GitHub expects a new check run for a re-run
    check.batches_sent = 0
    check.reruns += 1
    check.attempts = 0
    check.error = None
    check.omissions = []
    return EventResult(202, "re-run requested", check.id)


def _installation(ev: InstallationEvent, *, session: Any) -> EventResult:
    inst = ev.installation
    if ev.action == "deleted":
        store.delete_installation(inst.id, session=session)
        return EventResult(204, "installation deleted")
    store.upsert_installation(inst.id, inst.account.login if inst.account else "", session=session)
    if ev.action in ("suspend", "unsuspend"):
        store.set_suspended(inst.id, ev.action == "suspend", session=session)
    if ev.repositories:
        store.add_repositories(
            inst.id, [(r.id, r.full_name, r.private) for r in ev.repositories], session=session
        )
        for r in ev.repositories:
            review_store.get_or_create_repository(r.full_name, session=session)
    return EventResult(204, f"installation {ev.action}")


def _installation_repositories(ev: InstallationRepositoriesEvent, *, session: Any) -> EventResult:
    inst = ev.installation
    store.upsert_installation(inst.id, inst.account.login if inst.account else "", session=session)
    added = [(r.id, r.full_name, r.private) for r in ev.repositories_added]
    store.add_repositories(inst.id, added, session=session)
    for r in ev.repositories_added:
        review_store.get_or_create_repository(r.full_name, session=session)
    store.remove_repositories([r.id for r in ev.repositories_removed], session=session)
    return EventResult(204, f"repositories {ev.action}")
