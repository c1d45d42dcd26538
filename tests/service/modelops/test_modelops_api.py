"""/api/v1/models over HTTP: roles, register, guarded promotion with forcing, rollback,
policies (installation and per repository), comparison, audit trail."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.db]


@pytest.fixture
def admin(model_token, auth):
    return auth(model_token("admin"))


@pytest.fixture
def viewer(model_token, auth):
    return auth(model_token("viewer", ("acme/web",)))


def test_register_list_and_roles(model_client, admin, viewer, tiny_model, second_model):
    assert (
        model_client.post("/api/v1/models", json={"path": str(tiny_model)}, headers=viewer).status_code == 403
    )
    assert model_client.get("/api/v1/models").status_code == 401
    first = model_client.post("/api/v1/models", json={"path": str(tiny_model)}, headers=admin)
    assert first.status_code == 201, first.text
    body = first.json()
    assert body["state"] == "candidate" and body["ref"] == f"{body['name']}@{body['version']}"
    assert len(body["checksum"]) == 64 and body["size_bytes"] > 0
    again = model_client.post("/api/v1/models", json={"path": str(tiny_model)}, headers=admin)
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    bad = model_client.post("/api/v1/models", json={"path": "/nonexistent/model"}, headers=admin)
    assert bad.status_code == 400 and bad.headers["content-type"] == "application/problem+json"
    model_client.post("/api/v1/models", json={"path": str(second_model)}, headers=admin)
    listing = model_client.get("/api/v1/models", headers=viewer).json()
    assert listing["primary"] is None and len(listing["models"]) == 2
    assert model_client.get(f"/api/v1/models/{body['ref']}", headers=viewer).json()["id"] == body["id"]
    assert model_client.get("/api/v1/models/nope@1", headers=viewer).status_code == 404


def test_promote_guard_force_rollback_and_audit(model_client, admin, viewer, tiny_model, second_model):
    v1 = model_client.post("/api/v1/models", json={"path": str(tiny_model)}, headers=admin).json()["ref"]
    v2 = model_client.post("/api/v1/models", json={"path": str(second_model)}, headers=admin).json()["ref"]
    first = model_client.post(f"/api/v1/models/{v1}/promote", json={}, headers=admin)
    assert first.status_code == 200 and first.json()["model"]["state"] == "primary"
    assert model_client.post(f"/api/v1/models/{v2}/promote", json={}, headers=viewer).status_code == 403
    refused = model_client.post(f"/api/v1/models/{v2}/promote", json={}, headers=admin)
    assert refused.status_code == 409 and "labels" in refused.json()["detail"]
    no_reason = model_client.post(f"/api/v1/models/{v2}/promote", json={"force": True}, headers=admin)
    assert no_reason.status_code == 400
    forced = model_client.post(
        f"/api/v1/models/{v2}/promote", json={"force": True, "reason": "urgent fix"}, headers=admin
    )
    assert forced.status_code == 200, forced.text
    event = forced.json()["event"]
    assert (
        event["forced"] is True
        and event["reason"] == "urgent fix"
        and event["details"]["previous_primary"] == v1
    )
    assert forced.json()["guard"]["forced"] is True and forced.json()["guard"]["reasons"]
    trail = model_client.get("/api/v1/models/audit", params={"model": v2}, headers=viewer).json()
    assert trail[0]["action"] == "promote" and trail[0]["forced"] is True
    back = model_client.post("/api/v1/models/rollback", json={"reason": "noisy"}, headers=admin)
    assert back.status_code == 200 and back.json()["model"]["ref"] == v1
    assert model_client.get("/api/v1/models", headers=viewer).json()["primary"] == v1
    again = model_client.post("/api/v1/models/rollback", json={"reason": "again"}, headers=admin)
    assert again.status_code == 409


def test_policies_and_comparison(model_client, admin, viewer, tiny_model, second_model):
    v1 = model_client.post("/api/v1/models", json={"path": str(tiny_model)}, headers=admin).json()["ref"]
    v2 = model_client.post("/api/v1/models", json={"path": str(second_model)}, headers=admin).json()["ref"]
    model_client.post(f"/api/v1/models/{v1}/promote", json={}, headers=admin)
    put = model_client.put("/api/v1/models/policy", json={"mode": "shadow", "candidate": v2}, headers=admin)
    assert put.status_code == 200 and put.json()["default"]["mode"] == "shadow"
    assert (
        model_client.put("/api/v1/models/policy", json={"mode": "shadow"}, headers=admin).status_code == 400
    )
    assert (
        model_client.put(
            "/api/v1/models/policy", json={"mode": "split", "percent": 300}, headers=admin
        ).status_code
        == 422
    )
    assert model_client.put("/api/v1/models/policy", json={"mode": "off"}, headers=viewer).status_code == 403
    for repo in ("acme/web", "other/secret-project"):
        r = model_client.put(
            f"/api/v1/models/policy/{repo}",
            json={"mode": "split", "candidate": v2, "percent": 10},
            headers=admin,
        )
        assert r.status_code == 200
    seen = model_client.get("/api/v1/models/policy", headers=viewer).json()
    assert set(seen["overrides"]) == {"acme/web"}  # names outside the viewer's grants are not shown
    cleared = model_client.delete("/api/v1/models/policy/acme/web", headers=admin).json()
    assert "acme/web" not in cleared["overrides"]
    comparison = model_client.get("/api/v1/models/compare", params={"b": v2}, headers=viewer)
    assert comparison.status_code == 200, comparison.text
    body = comparison.json()
    assert body["a"]["model"] == v1 and body["b"]["model"] == v2 and body["guard"]["allowed"] is False
    assert model_client.get("/api/v1/models/compare", params={"b": "x@1"}, headers=viewer).status_code == 404
