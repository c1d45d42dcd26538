"""The published OpenAPI document, adjusted to say what the API really answers.

Every error answer is ``application/problem+json`` (``Problem``), including FastAPI's own 422;
every operation that needs a token documents 401 and 429.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from reviewer.api.schemas import Problem, ReviewSubmission

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
EXTRA_MODELS = (Problem, ReviewSubmission)


def install(app: FastAPI) -> None:
    def build() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        doc = get_openapi(
            title=app.title, version=app.version, description=app.description, routes=app.routes
        )
        components = doc.setdefault("components", {}).setdefault("schemas", {})
        for model in EXTRA_MODELS:  # used by hand-written request bodies / error answers
            schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
            components.update(schema.pop("$defs", {}))
            components[model.__name__] = schema
        for name in ("HTTPValidationError", "ValidationError"):
            components.pop(name, None)
        for path_item in doc.get("paths", {}).values():
            for operation in path_item.values():
                if not isinstance(operation, dict) or "responses" not in operation:
                    continue
                responses = operation["responses"]
                if operation.get("security"):
                    for code, desc in (("401", "no or invalid token"), ("429", "rate limited")):
                        responses.setdefault(code, {"description": desc})
                if operation.get("parameters") or operation.get("requestBody"):
                    responses.setdefault("422", {"description": "invalid input"})
                for code, response in responses.items():
                    if code.isdigit() and int(code) >= 400:
                        response["content"] = {"application/problem+json": {"schema": PROBLEM_REF}}
        app.openapi_schema = doc
        return doc

    app.openapi = build  # type: ignore[method-assign]
