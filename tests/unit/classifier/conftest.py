"""A tiny model, trained once per test session on a few dozen samples (seconds, CPU)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.settings import PROJECT_ROOT

SVEN = PROJECT_ROOT.parent / "shared" / "data" / "sven"


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from reviewer.classifier.train import train_tiny

    target = tmp_path_factory.getbasetemp() / "tiny-model"
    if not (target / "CHECKSUMS").exists():
        train_tiny(target, SVEN)
    return target
