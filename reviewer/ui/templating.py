"""The Jinja2 environment for the UI: autoescaping on, strict undefined, a few filters.

Built by ``build_templates`` when the UI is installed, never at import time.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context, select_autoescape

from reviewer.findings import Confidence, Severity

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"


def severity_label(value: int | str) -> str:
    try:
        return Severity(int(value)).label
    except (ValueError, TypeError):
        return str(value)


def confidence_label(value: int | str) -> str:
    try:
        return Confidence(int(value)).label
    except (ValueError, TypeError):
        return str(value)


def when(value: dt.datetime | None) -> str:
    """UTC timestamps to the minute: precise enough for an audit trail, short enough to scan."""
    if value is None:
        return "—"
    return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def state_label(value: str | None) -> str:
    return (value or "open").replace("_", " ")


def show(value: Any) -> str:
    """A checklist field value for people: lists joined, booleans in lower case."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or "(none)"
    return str(value)


def query(params: dict[str, Any], **changes: Any) -> str:
    """The current query string with ``changes`` applied; empty values are dropped."""
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "")})


@pass_context
def url_path(context: dict[str, Any], name: str, /, **params: Any) -> str:
    """Like Starlette's ``url_for`` but the path only (root path included): links work behind a
    proxy that rewrites the host or the scheme."""
    return context["request"].url_for(name, **params).path  # type: ignore[no-any-return]


def build_templates() -> Jinja2Templates:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(("html", "j2", "html.j2"), default_for_string=True, default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        severity=severity_label,
        confidence=confidence_label,
        when=when,
        state=state_label,
        query=query,
        show=show,
    )
    env.globals.update(SEVERITIES=[s.label for s in sorted(Severity, reverse=True)])
    templates = Jinja2Templates(env=env)
    env.globals["url_for"] = url_path  # after Jinja2Templates, which installs its own
    return templates
