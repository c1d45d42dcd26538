# ruff: noqa: E501 -- templates are code; their lines read best unbroken
"""Generator for the ``access-control`` class: handlers that forget who may call them.

Label rule: positive when a handler performs a sensitive operation (changes or exposes another
user's data, admin actions, payments) with no authentication or authorisation on the route and
no check in the body, when an object is fetched by id without an ownership check, when a JWT is
decoded without verifying it, or CORS ``*`` is combined with credentials / debug is switched on.
Negatives are the same handlers with a decorator, dependency, middleware, guard or inline check,
and public endpoints (health, login, public listings) that need none.
"""

from __future__ import annotations

import random

from reviewer.classifier.gen.common import RESOURCES, Snippet, indent, line_of

_SENSITIVE = ["delete", "update", "export", "refund", "promote", "reset", "transfer"]
_PUBLIC = [
    ("health", "healthz"),
    ("status", "status"),
    ("login", "login"),
    ("signup", "register"),
    ("list_posts", "posts"),
    ("pricing", "pricing"),
    ("docs", "docs"),
]


def _py_body(rng: random.Random, action: str, res: str, owner_check: bool) -> str:
    model = res.capitalize() if "_" not in res else "".join(w.capitalize() for w in res.split("_"))
    get = rng.choice(
        [
            f"{model}.query.get_or_404({res}_id)",
            f"db.session.get({model}, {res}_id)",
            f"{model}.objects.get(pk={res}_id)",
            f"repo.get_{res}({res}_id)",
        ]
    )
    lines = [f"{res} = {get}"]
    if owner_check:
        lines.append(
            rng.choice(
                [
                    f"if {res}.owner_id != current_user.id:\n    abort(403)",
                    f"if not current_user.is_admin and {res}.user_id != current_user.id:\n    raise PermissionDenied()",
                    f'if not can_edit(current_user, {res}):\n    return {{"error": "forbidden"}}, 403',
                ]
            )
        )
    lines.append(
        {
            "delete": f'db.session.delete({res})\ndb.session.commit()\nreturn "", 204',
            "update": f'{res}.{rng.choice(["role", "email", "status", "plan"])} = request.json["value"]\ndb.session.commit()\nreturn jsonify({res}.to_dict())',
            "export": f"rows = [r.to_dict() for r in {res}.history]\nreturn jsonify(rows)",
            "refund": f"payments.refund({res}.charge_id, amount={res}.total)\nreturn jsonify(ok=True)",
            "promote": f"{res}.is_admin = True\ndb.session.commit()\nreturn jsonify(ok=True)",
            "reset": f'{res}.password_hash = hash_password(request.json["password"])\ndb.session.commit()\nreturn jsonify(ok=True)',
            "transfer": f'ledger.transfer({res}.balance, to=request.json["to"])\nreturn jsonify(ok=True)',
        }[action]
    )
    return "\n".join(lines)


def flask_route(rng: random.Random) -> Snippet:
    res, plural = rng.choice(RESOURCES)
    sensitive = rng.random() < 0.75
    protection = (
        rng.choice(["none", "none", "decorator", "inline", "owner"])
        if sensitive
        else rng.choice(["none", "decorator"])
    )
    action = rng.choice(_SENSITIVE)
    prefix = rng.choice(["/api", "/admin", "/v1", ""])
    decorators = []
    if sensitive:
        method = {"delete": "DELETE", "update": "PUT", "export": "GET"}.get(action, "POST")
        route = f'@{rng.choice(["app", "bp", "api"])}.route("{prefix}/{plural}/<int:{res}_id>/{action}", methods=["{method}"])'
        body = _py_body(rng, action, res, protection == "owner")
        name = f"{action}_{res}"
        if protection == "inline":
            body = (
                rng.choice(
                    [
                        "if not current_user.is_authenticated:\n    abort(401)\n",
                        'if "admin" not in g.user.roles:\n    abort(403)\n',
                        'user = auth.verify(request.headers.get("Authorization"))\nif user is None:\n    return {"error": "unauthorized"}, 401\n',
                    ]
                )
                + body
            )
        if protection in ("decorator", "owner"):
            decorators.append(
                rng.choice(
                    [
                        "@login_required",
                        '@roles_required("admin")',
                        "@jwt_required()",
                        "@auth.login_required",
                        '@require_permission("' + plural + ':write")',
                    ]
                )
            )
        params = f"{res}_id"
    else:
        name, path = rng.choice(_PUBLIC)
        route = f'@{rng.choice(["app", "bp"])}.route("{prefix}/{path}")'
        body = rng.choice(
            [
                'return jsonify(status="ok")',
                'return render_template("index.html")',
                "posts = Post.query.filter_by(published=True).all()\nreturn jsonify([p.to_dict() for p in posts])",
            ]
        )
        if protection == "decorator":
            decorators.append('@limiter.limit("10/minute")')
        params = ""
    positive = sensitive and protection == "none"
    decos = "\n".join([route, *decorators])
    src = (
        "from flask import Flask, abort, g, jsonify, request\nfrom flask_login import current_user, login_required\n\n"
        f"{decos}\ndef {name}({params}):\n{indent(body, 4)}\n"
    )
    return Snippet("python", src, {"access-control": int(positive)}, (), "access.flask_route")


def fastapi_route(rng: random.Random) -> Snippet:
    res, plural = rng.choice(RESOURCES)
    sensitive = rng.random() < 0.75
    action = rng.choice(["delete", "update", "export", "refund"])
    protection = rng.choice(["none", "none", "depends", "owner", "router"]) if sensitive else "none"
    verb = {"delete": "delete", "update": "patch", "export": "get", "refund": "post"}[action]
    deps = ""
    if protection in ("depends", "owner"):
        deps = rng.choice(
            [
                ", user: User = Depends(get_current_user)",
                ", current_user: Annotated[User, Depends(get_current_active_user)]",
                ', _: None = Security(require_scopes, scopes=["admin"])',
            ]
        )
    route_deps = ", dependencies=[Depends(require_admin)]" if protection == "router" else ""
    if sensitive:
        lines = [
            f"{res} = db.get({res.capitalize()}, {res}_id)",
            f"if {res} is None:\n    raise HTTPException(404)",
        ]
        if protection == "owner":
            lines.append(f"if {res}.owner_id != user.id:\n    raise HTTPException(status_code=403)")
        lines.append(
            {
                "delete": f"db.delete({res})\ndb.commit()",
                "update": f"{res}.status = payload.status\ndb.commit()",
                "export": f"return {res}.export()",
                "refund": f"billing.refund({res}.id)",
            }[action]
        )
        body = "\n".join(lines)
        head = f'@router.{verb}("/{plural}/{{{res}_id}}"{route_deps})\nasync def {action}_{res}({res}_id: int, db: Session = Depends(get_db){deps}):'
    else:
        name, path = rng.choice(_PUBLIC)
        head = f'@router.get("/{path}")\nasync def {name}():'
        body = rng.choice(['return {"status": "ok"}', "return await posts.list_public(limit=20)"])
    src = (
        "from typing import Annotated\nfrom fastapi import APIRouter, Depends, HTTPException, Security\n"
        "from sqlalchemy.orm import Session\n\nrouter = APIRouter()\n\n"
        f"{head}\n{indent(body, 4)}\n"
    )
    return Snippet(
        "python", src, {"access-control": int(sensitive and protection == "none")}, (), "access.fastapi_route"
    )


def django_view(rng: random.Random) -> Snippet:
    res, _plural = rng.choice(RESOURCES)
    model = "".join(w.capitalize() for w in res.split("_"))
    style = rng.choice(["function", "drf"])
    protected = rng.random() < 0.5
    if style == "function":
        deco = (
            rng.choice(
                [
                    "@login_required\n",
                    '@permission_required("app.change_' + res + '")\n',
                    "@staff_member_required\n",
                ]
            )
            if protected
            else ""
        )
        owner = ", owner=request.user" if protected and rng.random() < 0.5 else ""
        src = (
            "from django.contrib.auth.decorators import login_required, permission_required\n"
            "from django.http import JsonResponse\nfrom django.shortcuts import get_object_or_404\n\n"
            f"{deco}def {rng.choice(['delete', 'edit', 'download'])}_{res}(request, pk):\n"
            f"    obj = get_object_or_404({model}, pk=pk{owner})\n"
            f'    obj.{rng.choice(["delete()", "archive()", "save()"])}\n    return JsonResponse({{"ok": True}})\n'
        )
    else:
        perm = (
            rng.choice(["IsAuthenticated", "IsAdminUser", "IsOwner"])
            if protected
            else rng.choice(["AllowAny", "AllowAny", None])
        )
        perm_line = f"    permission_classes = [{perm}]\n" if perm else ""
        src = (
            "from rest_framework import viewsets\nfrom rest_framework.permissions import AllowAny, IsAdminUser, IsAuthenticated\n\n"
            f"class {model}ViewSet(viewsets.ModelViewSet):\n{perm_line}"
            f"    queryset = {model}.objects.all()\n    serializer_class = {model}Serializer\n"
        )
    return Snippet("python", src, {"access-control": int(not protected)}, (), "access.django_view")


def express_route(rng: random.Random) -> Snippet:
    res, plural = rng.choice(RESOURCES)
    language = rng.choice(["javascript", "typescript"])
    sensitive = rng.random() < 0.75
    protection = rng.choice(["none", "none", "middleware", "inline"]) if sensitive else "none"
    router = rng.choice(["app", "router", "api"])
    types = ": Request, res: Response" if language == "typescript" else ", res"
    if sensitive:
        verb = rng.choice(["delete", "put", "post", "patch"])
        mw = (
            rng.choice(
                [
                    "requireAuth, ",
                    "authenticate, requireRole('admin'), ",
                    "passport.authenticate('jwt', { session: false }), ",
                    "isLoggedIn, ",
                ]
            )
            if protection == "middleware"
            else ""
        )
        check = (
            "  if (!req.user || req.user.id !== item.ownerId) return res.status(403).end();\n"
            if protection == "inline"
            else ""
        )
        op = {
            "delete": "await item.destroy();",
            "put": "await item.update(req.body);",
            "post": "await item.update({ role: 'admin' });",
            "patch": "await item.update({ status: req.body.status });",
        }[verb]
        src = (
            f"{router}.{verb}('/api/{plural}/:id', {mw}async (req{types}) => {{\n"
            f"  const item = await {res.capitalize()}.findByPk(req.params.id);\n{check}  {op}\n  res.json(item);\n}});\n"
        )
    else:
        path = rng.choice(["health", "login", "public/posts", "version"])
        src = f"{router}.get('/{path}', (req{types}) => {{\n  res.json({{ ok: true }});\n}});\n"
    src = "const express = require('express');\nconst router = express.Router();\n\n" + src
    return Snippet(
        language, src, {"access-control": int(sensitive and protection == "none")}, (), "access.express_route"
    )


def nest_controller(rng: random.Random) -> Snippet:
    res, plural = rng.choice(RESOURCES)
    protected = rng.random() < 0.5
    guard = (
        rng.choice(
            [
                "@UseGuards(AuthGuard('jwt'))\n  ",
                "@UseGuards(JwtAuthGuard, RolesGuard)\n  @Roles('admin')\n  ",
            ]
        )
        if protected
        else ""
    )
    verb, call = rng.choice([("Delete", "remove"), ("Patch", "update"), ("Post", "approve")])
    model = "".join(w.capitalize() for w in res.split("_"))
    src = (
        "import { Controller, Delete, Param, Patch, Post, UseGuards } from '@nestjs/common';\n"
        "import { AuthGuard } from '@nestjs/passport';\n\n"
        f"@Controller('{plural}')\nexport class {model}Controller {{\n"
        f"  constructor(private readonly service: {model}Service) {{}}\n\n"
        f"  {guard}@{verb}(':id')\n  async {call}(@Param('id') id: string) {{\n    return this.service.{call}(id);\n  }}\n}}\n"
    )
    return Snippet("typescript", src, {"access-control": int(not protected)}, (), "access.nest_controller")


def jwt_decode(rng: random.Random) -> Snippet:
    language = rng.choice(["python", "javascript"])
    verified = rng.random() < 0.5
    if language == "python":
        call = (
            rng.choice(
                [
                    'jwt.decode(token, KEY, algorithms=["HS256"])',
                    'jwt.decode(token, public_key, algorithms=["RS256"], audience="api")',
                ]
            )
            if verified
            else rng.choice(
                [
                    'jwt.decode(token, options={"verify_signature": False})',
                    "jwt.decode(token, verify=False)",
                    'jwt.decode(token, algorithms=["none"], options={"verify_signature": False})',
                ]
            )
        )
        src = (
            "import jwt\n\n"
            f"def {rng.choice(['current_user_id', 'user_from_token', 'get_claims'])}(request):\n"
            '    token = request.headers["Authorization"].removeprefix("Bearer ")\n'
            f'    claims = {call}\n    return claims["sub"]\n'
        )
    else:
        call = (
            "jwt.verify(token, process.env.JWT_SECRET)"
            if verified
            else rng.choice(["jwt.decode(token)", "jwt.decode(token, { complete: true }).payload"])
        )
        src = (
            "const jwt = require('jsonwebtoken');\n\n"
            "function userFromRequest(req) {\n  const token = (req.headers.authorization || '').split(' ')[1];\n"
            f"  const claims = {call};\n  return claims.sub;\n}}\n"
        )
    return Snippet(language, src, {"access-control": int(not verified)}, (), "access.jwt_decode")


def cors_debug(rng: random.Random) -> Snippet:
    positive = rng.random() < 0.5
    kind = rng.choice(["flask_cors", "express_cors", "debug"])
    if kind == "flask_cors":
        origins = (
            '"*"' if positive else rng.choice(['["https://app.example.com"]', "settings.ALLOWED_ORIGINS"])
        )
        src = f"from flask import Flask\nfrom flask_cors import CORS\n\napp = Flask(__name__)\nCORS(app, origins={origins}, supports_credentials=True)\n"
        return Snippet(
            "python", src, {"access-control": int(positive)}, (line_of(src, "CORS(app"),), "access.cors_debug"
        )
    if kind == "express_cors":
        origin = "'*'" if positive else rng.choice(["'https://app.example.com'", "allowedOrigins"])
        cred = "true" if positive or rng.random() < 0.5 else "false"
        src = (
            f"const cors = require('cors');\n\napp.use(cors({{ origin: {origin}, credentials: {cred} }}));\n"
        )
        return Snippet(
            "javascript",
            src,
            {"access-control": int(positive)},
            (line_of(src, "cors({"),),
            "access.cors_debug",
        )
    flag = "True" if positive else rng.choice(['os.environ.get("FLASK_DEBUG") == "1"', "False"])
    src = f'import os\n\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", port=8080, debug={flag})\n'
    return Snippet(
        "python", src, {"access-control": int(positive)}, (line_of(src, "app.run"),), "access.cors_debug"
    )


TEMPLATES = [flask_route, fastapi_route, django_view, express_route, nest_controller, jwt_decode, cors_debug]
