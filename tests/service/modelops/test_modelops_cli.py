"""``reviewer model register|list|promote|rollback|policy|compare`` against a real database."""

from __future__ import annotations

import json

import pytest

from reviewer.cli.main import main

pytestmark = [pytest.mark.db]


@pytest.fixture
def cli_db(model_engine, monkeypatch):
    monkeypatch.setenv("REVIEWER_DATABASE_URL", model_engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("REVIEWER_MODEL_PROMOTION_MIN_LABELS", "50")


def test_cli_register_list_promote_policy_rollback(cli_db, capsys, tiny_model, second_model):
    assert main(["model", "register", str(tiny_model)]) == 0
    assert "registered reviewer-classifier-tiny@" in capsys.readouterr().out
    assert main(["model", "register", str(second_model)]) == 0
    assert main(["model", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    v1, v2 = (m["ref"] for m in listed)
    assert {m["state"] for m in listed} == {"candidate"}
    assert main(["model", "promote", v1]) == 0
    assert (
        main(
            ["model", "policy", "--mode", "split", "--candidate", v2, "--percent", "20", "--repo", "acme/web"]
        )
        == 0
    )
    policy = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert policy["overrides"]["acme/web"]["percent"] == 20
    assert main(["model", "promote", v2]) == 2  # the guard: no labels yet
    assert "50 required" in capsys.readouterr().err
    assert main(["model", "promote", v2, "--force"]) == 2  # forcing needs a reason
    assert main(["model", "promote", v2, "--force", "--reason", "known-good offline eval"]) == 0
    assert "(forced)" in capsys.readouterr().out
    assert main(["model", "compare", v1, "--a", v2]) == 0
    assert json.loads(capsys.readouterr().out)["a"]["model"] == v2
    assert main(["model", "rollback", "--reason", "regression"]) == 0
    assert f"{v1} is the primary again" in capsys.readouterr().out
    assert main(["model", "policy"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["overrides"]["acme/web"]["mode"] == "off"  # the promotion turned off policies naming v2
