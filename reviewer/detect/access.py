"""Access-control checks over route handlers: missing auth among protected siblings, and objects
fetched by a caller-supplied id without an ownership check.

Both are tuned for precision: a handler is reported only when its own file shows that the author
protects routes (siblings), or when the operation is one that must be scoped to its owner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reviewer.detect.routes import Handler, is_id_name

MUTATING = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# fmt: off
PUBLIC_WORDS = frozenset(
    {
        "login", "logout", "signin", "signout", "sign-in", "sign-out", "signup", "sign-up", "register",
        "registration", "health", "healthz", "healthcheck", "ready", "readyz", "readiness", "live",
        "livez", "liveness", "alive", "ping", "index", "home", "static", "public", "assets", "webhook",
        "webhooks", "callback", "oauth", "oauth2", "openapi", "docs", "redoc", "swagger", "favicon",
        "robots", "sitemap", "version", "about", "landing", "forgot", "forgot-password",
        "reset-password", "password-reset", "verify-email", "confirm-email", "token", "refresh", "csrf",
        "metrics", "contact", "pricing", "terms", "privacy"
    }
)
# fmt: on
SENSITIVE = re.compile(
    r"(?i)(admin|user|account|delete|remove|update|edit|setting|profile|order|payment|billing|invoice|"
    r"internal|manage|export|upload|config|secret|key|password|role|permission|transfer|withdraw|"
    r"document|file|message|note|record|report|ticket|patient|employee|salary|card|wallet|token)"
)
OWNERSHIP = re.compile(
    r"(current_user|owner|user_id|userId|tenant|request\.user|g\.user|session\[\s*['\"]|session\.get\(\s*['\"]|"
    r"get_jwt_identity|org_id|organization|account_id|accountId|author|created_by|createdBy|"
    r"has_permission|check_permission|can_access|can_view|can_edit|authorize|abort\(\s*40[34]|"
    r"HTTP_403|status_code\s*=\s*403|Forbidden|PermissionDenied|req\.user|is_admin|is_staff|"
    r"is_superuser|belongs_to|check_owner|ensure_owner|verify_owner)"
)
_REQUEST_ID = re.compile(
    r"(?m)^\s*(\w+)\s*=\s*(?:int\()?\s*(?:request\.(?:args|form|values|json|GET|POST|data|query_params)"
    r"(?:\.get)?|request\.get_json\(\)(?:\.get)?)\s*[\[(]\s*['\"]([\w-]+)['\"]"
)
_JS_DESTRUCTURE = re.compile(r"\{\s*([\w\s,]+)\}\s*=\s*req\.(?:params|query|body)")
_FETCH_TEMPLATES = (
    r"\.query\.(?:get|get_or_404)\(\s*{id}\s*\)",
    r"\.query\.filter_by\(\s*(?:id|pk|uuid)\s*=\s*{id}\s*\)",
    r"\.filter\(\s*\w+\.(?:id|pk|uuid)\s*==\s*{id}\s*\)",
    r"\b(?:session|db|self\.session|db\.session|s)\.get\(\s*\w+\s*,\s*{id}\s*\)",
    r"get_object_or_404\(\s*[\w.]+\s*,\s*(?:pk|id|uuid)\s*=\s*{id}\s*\)",
    r"\.objects\.(?:get|filter)\(\s*(?:pk|id|uuid)\s*=\s*{id}\s*\)",
    r"\.query\(\s*\w+\s*\)\.get\(\s*{id}\s*\)",
    r"\.where\(\s*\w+\.(?:id|pk|uuid)\s*==\s*{id}\s*\)",
    r"\.find(?:ById|ByPk|_by_id)(?:AndUpdate|AndDelete|AndRemove)?\(\s*{id}\s*[,)]",
    r"\.(?:findUnique|findFirst|update|delete)\(\s*\{{\s*where:\s*\{{\s*id:\s*(?:Number\()?\s*{id}\s*\)?\s*\}}\s*[,}}]",
    r"\.findOne\(\s*\{{\s*(?:_id|id)\s*:\s*{id}\s*\}}\s*\)",
    r"\.get_by_id\(\s*{id}\s*\)",
    r"execute\(\s*[fr]?[\"'][^\"']*\bWHERE\s+(?:\w+\.)?id\s*=\s*(?:\?|%s|:\w+)\s*[\"']\s*,\s*[(\[]?\s*{id}\b",
)


@dataclass(frozen=True)
class AccessIssue:
    kind: str  # "missing-auth" | "idor"
    handler: Handler
    line: int
    end_line: int
    detail: str


def _segments(h: Handler) -> list[str]:
    return [s.lower() for s in re.split(r"[/.]", h.path) if s and not re.match(r"[<{:]", s)]


def is_public(h: Handler) -> bool:
    """Routes that are meant to be reachable without signing in."""
    if h.framework != "django" and h.path.strip() in ("", "/"):
        return True
    segs = _segments(h)
    words = set(h.name.lower().split("_")) | {h.name.lower()}
    return bool(
        (segs and (segs[0] in PUBLIC_WORDS or segs[-1] in PUBLIC_WORDS))
        or any(s in PUBLIC_WORDS for s in segs[:2])
        or words & PUBLIC_WORDS
    )


def _mutating(h: Handler) -> bool:
    if MUTATING & set(h.methods):
        return True
    return h.framework == "django" and bool(
        re.search(r"request\.method\s*==\s*['\"](?:POST|PUT|DELETE|PATCH)|request\.POST", h.body)
    )


def missing_auth(handlers: list[Handler]) -> list[AccessIssue]:
    """Unprotected handlers in a file whose other handlers are protected."""
    protected = [h for h in handlers if h.protected_by]
    if not protected:
        return []
    # A public read beside protected writes is a normal design; an unprotected read is only
    # suspicious when it touches something sensitive or every other handler is protected.
    unprotected = len(handlers) - len(protected)
    all_others = unprotected == 1 and len(protected) >= 2
    issues = []
    for h in handlers:
        if h.protected_by or is_public(h):
            continue
        sensitive = bool(SENSITIVE.search(h.path + " " + h.name))
        if not (all_others or sensitive or _mutating(h)):
            continue
        sibling = protected[0]
        issues.append(
            AccessIssue(
                "missing-auth",
                h,
                h.first_line,
                h.def_line,
                f"'{h.name}' ({'/'.join(h.methods)} {h.path or 'view'}) has no authentication or "
                f"authorisation check, while {len(protected)} sibling handler(s) in this file do "
                f"(e.g. '{sibling.name}' via {sibling.protected_by}).",
            )
        )
    return issues


def _id_sources(h: Handler) -> list[str]:
    ids = [
        p for p in h.params if is_id_name(p) and (p in h.path_params or h.framework in ("django", "fastapi"))
    ]
    ids += [
        m.group(1) for m in _REQUEST_ID.finditer(h.body) if is_id_name(m.group(1)) or is_id_name(m.group(2))
    ]
    if h.framework == "express":
        ids += [rf"req\.(?:params|query|body)\.{p}" for p in (*h.path_params, "id")]
        for m in _JS_DESTRUCTURE.finditer(h.body):
            ids += [n.strip() for n in m.group(1).split(",") if is_id_name(n.strip())]
    return list(dict.fromkeys(ids))


def unscoped_fetches(h: Handler) -> list[AccessIssue]:
    """Objects looked up by a caller-supplied id with no owner, tenant or permission check."""
    ids = _id_sources(h)
    if not ids:
        return []
    # The id itself may be called user_id or account_id: its own name is not an ownership check.
    names = [i for i in ids if i.isidentifier()]
    scrubbed = h.body
    if names:
        scrubbed = re.sub(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b", "_ID_", h.body)
    if OWNERSHIP.search(scrubbed):
        return []
    if not (h.protected_by or _mutating(h) or SENSITIVE.search(h.path + " " + h.name)):
        return []  # a public read of a public resource (a product, a post) needs no owner check
    if re.search(r"(?i)admin|staff|superuser|permission|role", h.protected_by):
        return []  # administrators see everything; a permission decorator is a deliberate policy
    issues = []
    for ident in ids:
        # express sources are already patterns (req.params.id); Python ones are plain names
        id_re = rf"(?:int\()?\s*{re.escape(ident)}\s*\)?" if ident.isidentifier() else ident
        for template in _FETCH_TEMPLATES:
            m = re.search(template.format(id=id_re), h.body)
            if m is None:
                continue
            fetch_line = h.body_first_line + h.body.count("\n", 0, m.start())
            issues.append(
                AccessIssue(
                    "idor",
                    h,
                    fetch_line,
                    fetch_line,
                    f"'{h.name}' loads an object by the caller-supplied id '{ident.split('.')[-1]}' "
                    "and returns or changes it without checking that it belongs to the caller "
                    "(owner, user or tenant).",
                )
            )
            break
        if issues:
            break
    return issues
