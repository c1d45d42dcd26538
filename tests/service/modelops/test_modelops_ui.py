"""The UI's model page: versions, policy, and a comparison with the guard's verdict."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.db]


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF field on the page"
    return match.group(1)


def test_models_page_compares_the_primary_with_the_newest_candidate(
    model_app, model_token, auth, tiny_model, second_model
):
    from fastapi.testclient import TestClient

    admin = auth(model_token("admin"))
    with TestClient(model_app, base_url="https://testserver", raise_server_exceptions=False) as client:
        assert client.get("/models", follow_redirects=False).status_code in (302, 303)  # signed out
        v1 = client.post("/api/v1/models", json={"path": str(tiny_model)}, headers=admin).json()["ref"]
        v2 = client.post("/api/v1/models", json={"path": str(second_model)}, headers=admin).json()["ref"]
        client.post(f"/api/v1/models/{v1}/promote", json={}, headers=admin)
        client.put("/api/v1/models/policy", json={"mode": "shadow", "candidate": v2}, headers=admin)
        page = client.get("/signin")
        signed = client.post(
            "/signin",
            data={
                "csrf_token": csrf_of(page.text),
                "method": "token",
                "token": model_token("viewer"),
                "next": "/models",
            },
            follow_redirects=False,
        )
        assert signed.status_code == 303
        html = client.get("/models").text
        assert f"<code>{v1}</code> vs <code>{v2}</code>" in html
        assert "would not be promoted" in html and "labels on shared units" in html
        assert "shadow" in html
        assert client.get("/models", params={"a": "nope@1", "b": v2}).status_code == 404
