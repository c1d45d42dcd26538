"""Sign-in (password or API token) and sign-out.

Sign-in failures all read the same ("user name or password is wrong"), take the same time
whether or not the user exists, and are rate limited per client address and per user name,
so the form is no oracle for user names or tokens and no fast way to guess passwords.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.auth.tokens import authenticate
from reviewer.db.models import User
from reviewer.errors import AuthError, PermissionDenied
from reviewer.ui import csrf, passwords, sessions
from reviewer.ui.context import (
    check_csrf,
    db_session,
    find_viewer,
    render,
    safe_next,
    secure,
    ui_state,
)
from reviewer.ui.routing import UiRoute

router = APIRouter(route_class=UiRoute)
DbSession = Annotated[Session, Depends(db_session)]
WRONG_PASSWORD = "User name or password is wrong."  # noqa: S105 - a message
WRONG_TOKEN = "That token is not valid, or it has been revoked."  # noqa: S105 - a message


def _signin_page(
    request: Request, *, error: str = "", username: str = "", status_code: int = 200
) -> Response:
    state = ui_state(request)
    nonce = request.cookies.get(state.cookies.csrf_name) or csrf.new_nonce()
    response = render(
        request,
        "signin.html.j2",
        None,
        status_code=status_code,
        csrf_token=csrf.anonymous_token(state.settings.secret_key, nonce),
        error=error,
        username=username,
        next=safe_next(request.query_params.get("next") or request.headers.get("x-next")),
    )
    response.set_cookie(state.cookies.csrf_name, nonce, **state.cookies.cookie_args(None))  # type: ignore[arg-type]
    return response


@router.get("/signin", response_class=HTMLResponse, name="ui_sign_in_form")
def sign_in_form(request: Request, session: DbSession) -> Response:
    if find_viewer(request, session) is not None:
        return RedirectResponse(safe_next(request.query_params.get("next")), status_code=303)
    return _signin_page(request)


def _password_user(username: str, password: str, *, session: Session) -> User | None:
    user = session.scalar(select(User).where(User.name == username)) if username else None
    if user is None or not user.password_hash or user.disabled:
        passwords.dummy_verify(password)  # same cost as a real check: no user-name oracle
        return None
    if not passwords.verify_password(password, user.password_hash):
        return None
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
    return user


@router.post("/signin", name="ui_sign_in")
async def sign_in(request: Request, session: DbSession) -> Response:
    state = ui_state(request)
    form = dict(await request.form())
    if not csrf.verify_anonymous_token(
        state.settings.secret_key, request.cookies.get(state.cookies.csrf_name), str(form.get(csrf.FIELD, ""))
    ):
        raise PermissionDenied("the sign-in form has expired; reload the page and try again")
    method = form.get("method")
    username = str(form.get("username", ""))[:200]
    client = request.client.host if request.client else "unknown"
    state.signin_limiter.hit(f"ip:{client}")
    if method != "token":
        state.signin_limiter.hit(f"user:{username.lower()}")
    if method == "token":
        try:
            principal = authenticate(str(form.get("token", "")).strip(), session=session)
        except AuthError:
            session.rollback()
            return _signin_page(request, error=WRONG_TOKEN, status_code=401)
        value = sessions.create(session=session, token_id=principal.token_id)
    else:
        user = _password_user(username, str(form.get("password", "")), session=session)
        if user is None:
            session.rollback()
            return _signin_page(request, error=WRONG_PASSWORD, username=username, status_code=401)
        value = sessions.create(session=session, user_id=user.id)
    # A fresh session each time: a session id planted before sign-in is never promoted.
    sessions.revoke(request.cookies.get(state.cookies.session_name), session=session)
    sessions.purge_expired(session=session)  # housekeeping where sessions are made: no cron needed
    session.commit()
    response = RedirectResponse(safe_next(str(form.get("next", ""))), status_code=303)
    response.set_cookie(
        state.cookies.session_name,
        value,
        **state.cookies.cookie_args(int(sessions.ABSOLUTE_LIFETIME.total_seconds())),  # type: ignore[arg-type]
    )
    response.delete_cookie(state.cookies.csrf_name, path="/", secure=state.cookies.secure, httponly=True)
    return secure(response)


@router.post("/signout", name="ui_sign_out")
async def sign_out(request: Request, session: DbSession) -> Response:
    state = ui_state(request)
    viewer = find_viewer(request, session)
    if viewer is not None:
        check_csrf(request, viewer, dict(await request.form()))
        sessions.revoke(viewer.session_secret, session=session)
        session.commit()
    response = RedirectResponse("/signin?msg=signed-out", status_code=303)
    response.delete_cookie(state.cookies.session_name, path="/", secure=state.cookies.secure, httponly=True)
    return secure(response)
