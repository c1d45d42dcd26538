"""The UI's model page: registered versions, the deployment policy, and two versions compared.

A UI route (signed-in viewers; errors become HTML pages) served from the UI's templates. Read-only:
promotion, rollback and policy changes stay on the API and the CLI, where they are audited with
a reason. Listed in the API's router registry; present only when the UI package is installed.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from reviewer.modelops import registry_store, usecases
from reviewer.models_policy.guard import GuardPolicy
from reviewer.ui.context import Viewer, current_viewer, db_session, render
from reviewer.ui.routing import UiRoute

router = APIRouter(route_class=UiRoute, include_in_schema=False)
DbSession = Annotated[Session, Depends(db_session)]
Ref = Annotated[str | None, Query(max_length=210)]


def _viewer(request: Request, session: DbSession) -> Viewer:
    return current_viewer(request, session)


@router.get("/models", name="ui_models")
def models_page(
    request: Request,
    viewer: Annotated[Viewer, Depends(_viewer)],
    session: DbSession,
    a: Ref = None,
    b: Ref = None,
) -> Response:
    """Versions and policy; ``?a=&b=`` compares two (default: the primary and the newest candidate)."""
    rows = registry_store.version_rows(session=session)
    registry = registry_store.load_registry(session=session)
    primary = registry.primary.ref if registry.primary else None
    candidates = [r.ref for r in rows if r.state == "candidate"]
    a = a or primary
    b = b or (candidates[-1] if candidates else None)
    settings = request.app.state.settings
    guard = GuardPolicy(settings.model_promotion_min_labels, settings.model_promotion_min_labels_per_class)
    comparison = None
    if a and b and a != b:
        comparison = usecases.compare_versions(a, b, guard, session=session)
    policies = registry_store.load_policies(session=session).to_dict()
    visible = viewer.principal.repositories
    if visible is not None:
        allowed = {r.lower() for r in visible}
        policies["overrides"] = {k: v for k, v in policies["overrides"].items() if k in allowed}
    return render(
        request, "models.html.j2", viewer, nav="models",
        models=rows, primary=primary, refs=[r.ref for r in rows], a=a, b=b, comparison=comparison,
        policies=policies, guard=guard,
    )  # fmt: skip
