"""Replica pool and scanner fallback against real servers on loopback."""

import time

import numpy as np
import pytest

from reviewer.changeset import ChangeKind, Changeset, FileChange
from reviewer.classifier.backends import load_backend
from reviewer.classifier.client import RemoteBackend, ReplicaPool
from reviewer.errors import ExternalServiceError, ScannerError
from reviewer.findings import ScannerState
from reviewer.modelserver.app import create_app
from reviewer.modelserver.runner import BackgroundServer, free_port
from reviewer.pipeline import ReviewConfig, review
from reviewer.scanners.base import ScanContext
from reviewer.scanners.classifier import ClassifierScanner

TEXTS = ['<add> API_KEY = "sk_live_0123456789abcdefghijklmn"', "def f(x):\n<add>     return x + 1"]


@pytest.fixture(scope="module")
def backend(tiny_model):
    return load_backend("onnx", tiny_model)


def test_remote_backend_matches_local_and_records_the_server_model(backend):
    with BackgroundServer(create_app(backend)) as url:
        remote = RemoteBackend([url], backend.version.name)
        np.testing.assert_allclose(
            remote.predict(TEXTS * 40), backend.predict(TEXTS * 40), atol=2e-3
        )  # int8: activation scales are per batch
        assert remote.version == backend.version and remote.last_version == backend.version
        assert remote.thresholds == pytest.approx(backend.thresholds)
        remote.close()


def test_dead_replica_is_skipped_and_requests_retry_elsewhere(backend):
    dead = f"http://127.0.0.1:{free_port()}"
    with BackgroundServer(create_app(backend)) as live:
        remote = RemoteBackend([dead, live], backend.version.name)
        for _ in range(5):
            assert remote.predict(TEXTS).shape == (2, 3)
        stats = {s["url"]: s for s in remote.pool.stats()}
        assert stats[dead]["healthy"] is False and stats[dead]["failures"] == 1  # tried once, then avoided
        assert stats[live]["requests"] >= 5
        remote.close()


def test_least_outstanding_requests_picks_the_idle_replica():
    pool = ReplicaPool(["http://a", "http://b", "http://c"])
    pool.replicas[0].outstanding = 3
    pool.replicas[1].outstanding = 1
    pool.replicas[2].outstanding = 2
    assert pool._acquire(set()).url == "http://b"
    assert pool._acquire(set()).url in ("http://b", "http://c")  # b now has 2 as well
    pool.close()


def test_a_replica_comes_back_after_cool_down_only_when_ready(backend):
    port = free_port()
    pool = ReplicaPool([f"http://127.0.0.1:{port}"], cooldown_s=0.2)
    with pytest.raises(ExternalServiceError, match="unreachable"):
        pool.request("GET", "/v2/health/ready")
    with pytest.raises(ExternalServiceError):
        pool.request("GET", "/v2/health/ready")  # still cooling down: not even tried
    with BackgroundServer(create_app(backend), port=port):
        time.sleep(0.3)
        assert pool.request("GET", "/v2/health/ready") == {"ready": True}
        assert pool.check_health() == {f"http://127.0.0.1:{port}": True}
    pool.close()


def test_review_goes_on_rules_only_as_partial_when_the_model_server_is_down(tiny_model):
    source = 'import os\n\nAPI_KEY = "sk_live_0123456789abcdefghijklmn"\n'
    change = Changeset(
        files=(
            FileChange(
                "app.py",
                ChangeKind.ADDED,
                added_lines=frozenset({1, 3}),
                post_image=source,
                post_image_complete=True,
            ),
        )
    )
    ctx = ScanContext(
        timeout_s=20,
        options={
            "classifier.backend": "remote",
            "classifier.model_dir": str(tiny_model),
            "classifier.server_urls": f"http://127.0.0.1:{free_port()}",
        },
    )
    with pytest.raises(ScannerError, match="rules-only"):
        ClassifierScanner().version(ctx)
    outcome = review(change, ReviewConfig(scanners=(ClassifierScanner(),), context=ctx))
    assert outcome.status == "partial"
    [status] = outcome.scanners
    assert status.state is ScannerState.FAILED and "unreachable" in status.detail
    assert any("classifier" in n.message for n in outcome.notices)


def test_a_recovered_replica_gets_traffic_again_while_others_are_healthy(backend):
    port = free_port()
    with BackgroundServer(create_app(backend)) as live:
        pool = ReplicaPool([f"http://127.0.0.1:{port}", live], cooldown_s=0.2)
        for _ in range(3):
            pool.request("GET", "/v2/health/live")
        assert pool.stats()[0]["healthy"] is False
        with BackgroundServer(create_app(backend), port=port):
            time.sleep(0.3)
            for _ in range(6):
                pool.request("GET", "/v2/health/live")
            back = pool.stats()[0]
            assert back["healthy"] is True and back["requests"] >= 2
        pool.close()
