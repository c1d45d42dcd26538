"""Route handlers found with tree-sitter: Flask, FastAPI and Django in Python; express in JS/TS.

The output is framework-neutral (``Handler``): its route, methods, how it is protected (if at
all), its id parameters and its body text, which is what the access-control checks compare.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import tree_sitter as ts

from reviewer.detect.syntax import JAVASCRIPT, PYTHON, end_line, line, parse, text, walk

ROUTE_METHODS = frozenset(
    {"route", "get", "post", "put", "patch", "delete", "api_route", "websocket", "head"}
)
EXPRESS_METHODS = frozenset({"get", "post", "put", "patch", "delete", "all"})
# A decorator or dependency whose name says it checks who is calling.
AUTH_NAME = re.compile(
    r"(?i)(auth|login|logged_in|permission|role|jwt|token_required|admin|protect|requires?_|"
    r"authenticated|staff|superuser|verify_token|verify_api_key|api_key|user_passes_test|current_user|"
    r"current_active_user|check_access|access_required|scope|oauth|session_required|ensure_?logged)"
)
# Statements inside a handler that check the caller themselves.
INLINE_AUTH = re.compile(
    r"(is_authenticated|verify_jwt_in_request|get_jwt_identity|abort\(\s*40[13]|status_code\s*=\s*40[13]|"
    r"HTTP_40[13]|status\(\s*40[13]\s*\)|sendStatus\(\s*40[13]|check_auth|authenticate\(|require_login|"
    r"session\[\s*['\"]user|session\.get\(\s*['\"]user|req\.user|req\.session\.user|jwt\.verify|"
    r"has_permission|PermissionDenied|Unauthorized|Forbidden|request\.user\.is_)"
)
# Decorators whose names look like auth but are about HTTP methods, caching or CSRF.
NOT_AUTH = re.compile(r"(?i)require_(?:http_methods|get|post|safe|GET|POST)|csrf|cache|vary_on|gzip|cors")
_FASTAPI_DEP = re.compile(r"\b(?:Depends|Security)\(\s*([\w.]+)")
_ID_PARAM = re.compile(r"(?i)^(?:id|pk|uuid|\w+_id|\w+Id|\w+_pk|\w+_uuid)$")
_PATH_PARAM = re.compile(r"<(?:\w+:)?(\w+)>|\{(\w+)(?::[^}]*)?\}|:(\w+)")


@dataclass(frozen=True)
class Handler:
    name: str
    framework: str  # flask | fastapi | django | express
    router: str  # the app/blueprint/router object the route is declared on
    path: str
    methods: tuple[str, ...]
    first_line: int  # first decorator (or the route call)
    def_line: int
    last_line: int
    protected_by: str  # "" when nothing protects it
    params: tuple[str, ...]
    path_params: tuple[str, ...]
    body: str  # the function body text (not its signature)
    body_first_line: int


def _decorator_name(dec: ts.Node) -> str:
    expr = next((c for c in dec.named_children), None)
    if expr is not None and expr.type == "call":
        expr = expr.child_by_field_name("function")
    return text(expr)


def _route_decorator(dec: ts.Node) -> tuple[str, str, str, tuple[str, ...], str] | None:
    """(router, method, path, methods, decorator text) when ``dec`` declares a route."""
    call = next((c for c in dec.named_children), None)
    if call is None or call.type != "call":
        return None
    fn = call.child_by_field_name("function")
    if fn is None or fn.type != "attribute":
        return None
    attr = text(fn.child_by_field_name("attribute"))
    if attr not in ROUTE_METHODS:
        return None
    args = call.child_by_field_name("arguments")
    path = ""
    methods: tuple[str, ...] = () if attr == "route" else (attr.upper(),)
    for arg in args.named_children if args is not None else ():
        if arg.type == "string" and not path:
            path = text(arg).strip("\"'")
        elif arg.type == "keyword_argument" and text(arg.child_by_field_name("name")) == "methods":
            methods = tuple(re.findall(r"[A-Za-z]+", text(arg.child_by_field_name("value"))))
    if attr == "route" and not methods:
        methods = ("GET",)
    return text(fn.child_by_field_name("object")), attr, path, tuple(m.upper() for m in methods), text(call)


def _params(fn: ts.Node) -> tuple[tuple[str, ...], str]:
    params = fn.child_by_field_name("parameters")
    names: list[str] = []
    for p in params.named_children if params is not None else ():
        ident = (
            p
            if p.type == "identifier"
            else next((c for c in p.named_children if c.type == "identifier"), None)
        )
        if ident is not None:
            names.append(text(ident))
    return tuple(names), text(params)


def _protected_routers(root: ts.Node) -> set[str]:
    """Routers built with auth dependencies (``APIRouter(dependencies=[Depends(auth)])``) or guarded
    by a ``before_request`` hook that checks the caller."""
    found: set[str] = set()
    for assign in walk(root, {"assignment"}):
        value = text(assign.child_by_field_name("right"))
        if re.match(r"(?:\w+\.)?(?:APIRouter|FastAPI)\(", value) and any(
            AUTH_NAME.search(d) for d in _FASTAPI_DEP.findall(value)
        ):
            found.add(text(assign.child_by_field_name("left")))
    for dec in walk(root, {"decorator"}):
        name = _decorator_name(dec)
        if name.endswith(("before_request", "before_app_request")):
            fn = dec.parent.child_by_field_name("definition") if dec.parent is not None else None
            if fn is not None and INLINE_AUTH.search(text(fn.child_by_field_name("body"))):
                found.add(name.rsplit(".", 1)[0])
    return found


def python_handlers(source: str, path: str = "") -> list[Handler]:
    root = parse(PYTHON, source).root_node
    guarded = _protected_routers(root)
    handlers: list[Handler] = []
    is_views = path.endswith("views.py") or "django" in source[:4000]
    for node in walk(root, {"decorated_definition", "function_definition"}):
        if (
            node.type == "function_definition"
            and node.parent is not None
            and node.parent.type == "decorated_definition"
        ):
            continue
        fn = node.child_by_field_name("definition") if node.type == "decorated_definition" else node
        if fn is None or fn.type != "function_definition":
            continue
        decorators = [c for c in node.children if c.type == "decorator"] if node is not fn else []
        route = next((r for d in decorators if (r := _route_decorator(d)) is not None), None)
        names, params_text = _params(fn)
        if route is None:
            if not (
                is_views
                and names[:1] == ("request",)
                and fn.parent is not None
                and fn.parent.type in ("module", "decorated_definition")
            ):
                continue
            framework, router, rpath, methods = "django", "", "", ("ANY",)
        else:
            router, _, rpath, methods, _ = route
            framework = "fastapi" if ("Depends(" in params_text or "{" in rpath) else "flask"
        protected = ""
        for dec in decorators:
            dname = _decorator_name(dec)
            if _route_decorator(dec) is not None:
                deps = [d for d in _FASTAPI_DEP.findall(text(dec)) if AUTH_NAME.search(d)]
                if deps:
                    protected = f"dependency {deps[0]}"
                continue
            if AUTH_NAME.search(dname) and not NOT_AUTH.search(dname):
                protected = f"@{dname}"
        deps = [d for d in _FASTAPI_DEP.findall(params_text) if AUTH_NAME.search(d)]
        if not protected and deps:
            protected = f"dependency {deps[0]}"
        body = fn.child_by_field_name("body")
        body_text = text(body)
        if not protected and router and router in guarded:
            protected = f"router {router}"
        if not protected and INLINE_AUTH.search(body_text):
            protected = "inline check"
        path_params = tuple(a or b or c for a, b, c in _PATH_PARAM.findall(rpath))
        handlers.append(
            Handler(
                name=text(fn.child_by_field_name("name")),
                framework=framework,
                router=router,
                path=rpath,
                methods=methods,
                first_line=line(node),
                def_line=line(fn),
                last_line=end_line(fn),
                protected_by=protected,
                params=names,
                path_params=path_params,
                body=body_text,
                body_first_line=line(body) if body is not None else line(fn),
            )
        )
    return handlers


def _express_guarded(root: ts.Node) -> list[tuple[str, str, int]]:
    """``(router, path prefix, line)`` for each ``router.use([prefix,] authMiddleware)``."""
    out = []
    for call in walk(root, {"call_expression"}):
        fn = call.child_by_field_name("function")
        if fn is None or fn.type != "member_expression" or text(fn.child_by_field_name("property")) != "use":
            continue
        args = call.child_by_field_name("arguments")
        named = args.named_children if args is not None else []
        prefix = (
            text(named[0]).strip("'\"`") if named and named[0].type in ("string", "template_string") else ""
        )
        if any(AUTH_NAME.search(text(a)) for a in named if a.type not in ("string", "template_string")):
            out.append((text(fn.child_by_field_name("object")), prefix, line(call)))
    return out


def js_handlers(source: str, lang: str = JAVASCRIPT) -> list[Handler]:
    root = parse(lang, source).root_node
    guards = _express_guarded(root)
    handlers = []
    for call in walk(root, {"call_expression"}):
        fn = call.child_by_field_name("function")
        if fn is None or fn.type != "member_expression":
            continue
        method = text(fn.child_by_field_name("property"))
        args = call.child_by_field_name("arguments")
        named = list(args.named_children) if args is not None else []
        if (
            method not in EXPRESS_METHODS
            or len(named) < 2
            or named[0].type not in ("string", "template_string")
        ):
            continue
        router = text(fn.child_by_field_name("object"))
        rpath = text(named[0]).strip("'\"`")
        handler = named[-1]
        middlewares = named[1:-1]
        protected = next((f"middleware {text(m)[:40]}" for m in middlewares if AUTH_NAME.search(text(m))), "")
        if not protected:
            for g_router, prefix, g_line in guards:
                if g_router == router and g_line < line(call) and rpath.startswith(prefix):
                    protected = f"{router}.use guard"
        body = (
            handler.child_by_field_name("body")
            if handler.type in ("arrow_function", "function_expression", "function")
            else None
        )
        body_text = text(body) if body is not None else ""
        if not protected and INLINE_AUTH.search(body_text):
            protected = "inline check"
        params_node = handler.child_by_field_name("parameters")
        handlers.append(
            Handler(
                name=text(handler) if handler.type == "identifier" else f"{method.upper()} {rpath}",
                framework="express",
                router=router,
                path=rpath,
                methods=(method.upper(),),
                first_line=line(call),
                def_line=line(call),
                last_line=end_line(call),
                protected_by=protected,
                params=tuple(re.findall(r"\w+", text(params_node))),
                path_params=tuple(a or b or c for a, b, c in _PATH_PARAM.findall(rpath)),
                body=body_text,
                body_first_line=line(body) if body is not None else line(call),
            )
        )
    return handlers


def is_id_name(name: str) -> bool:
    return bool(_ID_PARAM.match(name))
