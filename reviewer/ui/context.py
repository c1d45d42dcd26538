"""Per-request plumbing for the UI: who is signed in, CSRF checks, rendering with safe headers.

The UI reads the same tables and calls the same use cases as the API; what is specific to a
browser (cookies, CSRF, redirects to the sign-in page, HTML error pages) lives here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from reviewer.auth.principal import Principal, Role
from reviewer.auth.ratelimit import MemoryRateLimiter, RateLimiter
from reviewer.auth.tokens import principal_of
from reviewer.db.models import ApiToken, RepositoryGrant, User
from reviewer.errors import PermissionDenied
from reviewer.settings import Settings
from reviewer.ui import csrf, sessions
from reviewer.ui.models import UiSession
from reviewer.ui.templating import build_templates

# Password guessing: per client address and per user name, far below the API's token limit.
SIGNIN_PER_MINUTE = 10
SIGNIN_BURST = 10

# Strict: only our own stylesheet and script; charts are inline SVG elements, not images.
CSP = (
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}
MESSAGES = {  # fixed texts for ?msg=, so nothing from the query string is echoed back
    "triaged": "Triage decision recorded.",
    "signed-off": "Checklist item signed off.",
    "signed-out": "You have been signed out.",
}


@dataclass(frozen=True)
class UiState:
    """What the UI needs from the app, set once by ``reviewer.ui.install``."""

    settings: Settings
    sessions: sessionmaker[Session]
    templates: Jinja2Templates
    cookies: sessions.CookiePolicy
    signin_limiter: RateLimiter


@dataclass(frozen=True)
class Viewer:
    """The signed-in principal with its session's secret (for the CSRF token)."""

    principal: Principal
    session_secret: str

    @property
    def can_triage(self) -> bool:
        return self.principal.role >= Role.TRIAGER


class SignInRequired(Exception):
    """Raised by ``current_viewer``; the UI's handler redirects to the sign-in page."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


def ui_state(request: Request) -> UiState:
    """The UI's state, built from the app's Runtime on first use (templates are parsed once)."""
    state: UiState | None = getattr(request.app.state, "ui", None)
    if state is None:
        runtime = request.app.state.runtime
        state = UiState(
            settings=runtime.settings,
            sessions=runtime.sessions,
            templates=build_templates(),
            cookies=sessions.CookiePolicy.from_settings(runtime.settings),
            signin_limiter=MemoryRateLimiter(SIGNIN_PER_MINUTE / 60.0, SIGNIN_BURST),
        )
        request.app.state.ui = state  # a race builds two equal states; either one is fine
    return state


def db_session(request: Request) -> Iterator[Session]:
    """One database session per request; the route commits, anything else rolls back."""
    with ui_state(request).sessions() as session:
        yield session


def user_principal(user: User, *, session: Session) -> Principal:
    """A local user's principal: its role and repository grants (or every repository)."""
    repositories = None
    if not user.all_repositories:
        repositories = frozenset(
            session.scalars(select(RepositoryGrant.repository).where(RepositoryGrant.user_id == user.id))
        )
    return Principal(name=user.name, role=Role.parse(user.role), repositories=repositories, user_id=user.id)


def principal_of_session(row: UiSession, *, session: Session) -> Principal | None:
    """Read the principal afresh on each request, so revocation and role changes apply at once."""
    if row.token_id is not None:
        token = session.get(ApiToken, row.token_id)
        return principal_of(token) if token is not None and token.active else None
    user = session.get(User, row.user_id)
    if user is None or user.disabled:
        return None
    return user_principal(user, session=session)


def find_viewer(request: Request, session: Session) -> Viewer | None:
    state = ui_state(request)
    value = request.cookies.get(state.cookies.session_name)
    row = sessions.lookup(value, session=session)
    if row is None or value is None:
        return None
    principal = principal_of_session(row, session=session)
    if principal is None:
        return None
    session.commit()  # keep the idle clock touched by lookup()
    viewer = Viewer(principal, value)
    request.state.ui_viewer = viewer  # for error pages drawn outside the route
    return viewer


def current_viewer(request: Request, session: Session) -> Viewer:
    viewer = find_viewer(request, session)
    if viewer is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise SignInRequired(target if request.method == "GET" else "/reviews")
    return viewer


def check_csrf(request: Request, viewer: Viewer, form: dict[str, Any]) -> None:
    """Refuse a state-changing request whose token does not match this session (403)."""
    presented = form.get(csrf.FIELD) or request.headers.get(csrf.HEADER)
    if not csrf.verify_session_token(ui_state(request).settings.secret_key, viewer.session_secret, presented):
        raise PermissionDenied("the form has expired or did not come from this site; reload and try again")


def safe_next(target: str | None) -> str:
    """Only same-site absolute paths, so the sign-in page is no open redirect."""
    if not target or len(target) > 2000 or not target.startswith("/") or target.startswith("//"):
        return "/reviews"
    # Browsers drop tabs and newlines inside URLs and read "\\" as "/": "/\t/evil" is "//evil".
    if "\\" in target or any(ch.isspace() or ord(ch) < 32 for ch in target):
        return "/reviews"
    return target


def sign_in_redirect(next_path: str) -> RedirectResponse:
    return RedirectResponse(f"/signin?next={quote(safe_next(next_path), safe='/')}", status_code=303)


def render(
    request: Request,
    template: str,
    viewer: Viewer | None,
    *,
    status_code: int = 200,
    nav: str = "",
    **values: Any,
) -> HTMLResponse:
    state = ui_state(request)
    token = csrf.session_token(state.settings.secret_key, viewer.session_secret) if viewer else ""
    message = MESSAGES.get(request.query_params.get("msg", ""))
    context = {
        "principal": viewer.principal if viewer else None,
        "csrf_token": values.pop("csrf_token", token),
        "nav": nav,
        # pages other packages add (reviewer.modelops.ui_page) appear in the menu when installed
        "nav_models": any(getattr(route, "name", None) == "ui_models" for route in request.app.routes),
        "flashes": [{"level": "ok", "text": message}] if message else [],
        **values,
    }
    response = state.templates.TemplateResponse(request, template, context, status_code=status_code)
    response.headers.update(SECURITY_HEADERS)
    return response


def secure(response: Response) -> Response:
    response.headers.update(SECURITY_HEADERS)
    return response
