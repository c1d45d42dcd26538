"""Models and migrations agree (``alembic check``); upgrade -> downgrade -> upgrade works."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from reviewer.db import migrate
from reviewer.db.models import load_all

pytestmark = [pytest.mark.db]


def test_single_head():
    assert len(migrate.current_heads()) == 1, migrate.current_heads()


def test_models_and_migrations_agree(empty_engine):
    migrate.upgrade(empty_engine)
    assert migrate.check(empty_engine) is None


def test_upgrade_downgrade_upgrade(empty_engine):
    tables = set(load_all().metadata.tables)
    migrate.upgrade(empty_engine)
    assert tables <= set(inspect(empty_engine).get_table_names())
    migrate.downgrade(empty_engine, "base")
    assert not tables & set(inspect(empty_engine).get_table_names())
    migrate.upgrade(empty_engine)
    assert migrate.check(empty_engine) is None
