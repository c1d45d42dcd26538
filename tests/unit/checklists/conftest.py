"""Fixtures for checklist tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from checklist_docs import SHIPPED


@pytest.fixture
def shipped() -> Path:
    return SHIPPED
