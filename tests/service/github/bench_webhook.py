"""Webhook accept latency: signed pull_request deliveries into create_app through TestClient
(in-process ASGI), with the check runner stubbed so that only the request path is timed.

    .venv/bin/python tests/service/github/bench_webhook.py [DATABASE_URL]     # N=300 by default
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

from fastapi.testclient import TestClient

from reviewer.api.app import create_app
from reviewer.db import migrate
from reviewer.db.engine import engine_for_url
from reviewer.github.signature import sign
from reviewer.service.runtime import build_runtime
from reviewer.settings import Settings

SECRET = "x" * 32
FIXTURE = Path(__file__).parent / "fixtures" / "pull_request_opened.json"


class StubRunner:
    def __init__(self) -> None:
        self.ids: list[str] = []

    def start(self) -> None:
        pass

    def submit(self, check_id: str) -> None:
        self.ids.append(check_id)

    def stop(self) -> None:
        pass


def main() -> None:
    url = sys.argv[1] if len(sys.argv) > 1 else f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    n = int(os.environ.get("N", "300"))
    engine = engine_for_url(url)
    migrate.upgrade(engine)
    settings = Settings(
        env="test",
        database_url=url,
        data_dir=Path(tempfile.mkdtemp()),
        github_webhook_secret=SECRET,
        github_token="t",
    )
    app = create_app(settings, runtime=build_runtime(settings, engine=engine))
    runner = StubRunner()
    app.state.github_runner = runner
    payload = json.loads(FIXTURE.read_text())
    times = []
    with TestClient(app) as client:
        for _ in range(n):
            payload["pull_request"]["head"]["sha"] = uuid.uuid4().hex + "0" * 8
            body = json.dumps(payload).encode()
            headers = {
                "X-GitHub-Event": "pull_request",
                "X-GitHub-Delivery": str(uuid.uuid4()),
                "X-Hub-Signature-256": sign(SECRET, body),
                "Content-Type": "application/json",
            }
            started = time.perf_counter()
            resp = client.post("/webhooks/github", content=body, headers=headers)
            times.append(time.perf_counter() - started)
            assert resp.status_code == 202, resp.text
    times.sort()
    p50 = statistics.median(times) * 1000
    p99 = times[int(len(times) * 0.99) - 1] * 1000
    backend = url.split(":")[0]
    worst = times[-1] * 1000
    print(f"{backend}: n={n} p50={p50:.1f}ms p99={p99:.1f}ms max={worst:.1f}ms queued={len(runner.ids)}")


if __name__ == "__main__":
    main()
