"""Model-version fixtures: two real versions of a tiny classifier, and a service that uses them.

``tiny_model`` is trained once per test session (the classifier's own ``train_tiny``, seconds on
CPU; shared with the classifier tests through pytest's base temp folder). ``first_model`` and
``second_model`` are that network recalibrated: other thresholds and versions, so they are
different registered versions (other checksums); the first flags only validation, the second
every class, on every unit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from modelops_helpers import recalibrated

from reviewer.settings import PROJECT_ROOT, Settings

SVEN = PROJECT_ROOT.parent / "shared" / "data" / "sven"
CLASSIFIER_SCANNERS = "reviewer-secrets,silencers,classifier"


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from reviewer.classifier.train import train_tiny

    target = tmp_path_factory.getbasetemp() / "tiny-model"
    if not (target / "CHECKSUMS").exists():
        train_tiny(target, SVEN)
    return target


@pytest.fixture(scope="session")
def first_model(tiny_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Flags validation on every unit and nothing else, whatever the tiny network learnt this session.
    return recalibrated(
        tiny_model, tmp_path_factory.getbasetemp() / "tiny-model-v1", "1.0.0", [0.01, 0.99, 0.99]
    )


@pytest.fixture(scope="session")
def second_model(tiny_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Low thresholds: this version flags far more units than the first.
    return recalibrated(
        tiny_model, tmp_path_factory.getbasetemp() / "tiny-model-v2", "2.0.0", [0.05, 0.05, 0.05]
    )


@pytest.fixture
def model_engine(empty_engine: Any) -> Any:
    """A fresh database of its own, migrated: the registry and policies are installation-wide
    state, so tests that commit them for real must not share a database."""
    from reviewer.db import migrate

    migrate.upgrade(empty_engine)
    return empty_engine


@pytest.fixture
def model_settings(service_settings: Settings, model_engine: Any, tiny_model: Path) -> Settings:
    """The service settings on that database, the classifier on; the configured model is the tiny one."""
    return service_settings.model_copy(
        update={
            "database_url": model_engine.url.render_as_string(hide_password=False),
            "scanners": CLASSIFIER_SCANNERS,
            "model_dir": tiny_model,
            "model_backend": "onnx",
        }
    )


@pytest.fixture
def model_runtime(model_settings: Settings, model_engine: Any) -> Iterator[Any]:
    from reviewer.service.runtime import build_runtime

    rt = build_runtime(model_settings, engine=model_engine)
    yield rt
    for hook in rt.hooks:
        hook.close()


@pytest.fixture
def review_now(model_runtime: Any) -> Callable[..., str]:
    """review_now(diff, repository) -> review id, reviewed synchronously by the real job (and its
    shadow predictions stored)."""
    from reviewer.service.review_job import run_review_job
    from reviewer.service.submission import Submission, submit_diff

    def run(diff: bytes, repository: str) -> str:
        with model_runtime.sessions.begin() as s:
            review = submit_diff(
                diff, Submission(repository=repository), limits=model_runtime.settings.limits(), session=s
            )
            review_id = review.id
        status = run_review_job(review_id, runtime=model_runtime)
        assert status in ("complete", "partial"), status
        for hook in model_runtime.hooks:  # shadow scores are stored off the review's path
            assert hook.drain(timeout_s=60)
        return review_id

    return run


@pytest.fixture
def model_app(model_settings: Settings, model_runtime: Any) -> Any:
    from reviewer.api.app import create_app

    return create_app(model_settings, runtime=model_runtime)


@pytest.fixture
def model_client(model_app: Any) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    with TestClient(model_app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def model_token(model_runtime: Any) -> Callable[..., str]:
    from reviewer.auth.principal import Role
    from reviewer.auth.tokens import create_token

    def make(role: str = "admin", repos: tuple[str, ...] = ()) -> str:
        with model_runtime.sessions.begin() as s:
            _, clear = create_token(f"{role}-models", Role.parse(role), list(repos), session=s)
        return clear

    return make
