"""The explicit router registry: module -> attribute holding an APIRouter. One place.

Other packages add one line for their router (the webhook, the UI, model versions); a module
not present in this checkout is skipped, like the CLI's command registry.
"""

from __future__ import annotations

import importlib

from fastapi import APIRouter

ROUTERS: dict[str, str] = {
    "reviewer.api.routes.health": "router",
    "reviewer.api.routes.reviews": "router",
    "reviewer.api.routes.triage": "router",
    "reviewer.api.routes.checklists": "router",
    "reviewer.api.routes.models": "router",
    "reviewer.ui.router": "router",
    "reviewer.modelops.ui_page": "router",
    "reviewer.github.webhook_route": "router",
    "reviewer.github.policy_route": "router",
}


def load_routers() -> list[APIRouter]:
    found = []
    for module_name, attr in ROUTERS.items():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue
            raise
        router = getattr(module, attr, None)
        if isinstance(router, APIRouter):
            found.append(router)
    return found
