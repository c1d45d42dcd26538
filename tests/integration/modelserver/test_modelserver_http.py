"""The v2 server over real HTTP (uvicorn on loopback) with the tiny model."""

from concurrent.futures import ThreadPoolExecutor

import httpx
import numpy as np
import pytest

from reviewer.classifier.backends import load_backend
from reviewer.classifier.datagen import read_split
from reviewer.modelserver import protocol
from reviewer.modelserver.app import ServerConfig, create_app
from reviewer.modelserver.runner import BackgroundServer


@pytest.fixture(scope="module")
def backend(tiny_model):
    return load_backend("onnx", tiny_model)


@pytest.fixture(scope="module")
def server(backend):
    app = create_app(backend, ServerConfig(max_batch_size=16, max_queue_delay_ms=20))
    with BackgroundServer(app) as url:
        yield url, app


def test_health_and_metadata_endpoints(server, backend):
    url, _ = server
    assert httpx.get(f"{url}/v2/health/live").json() == {"live": True}
    assert httpx.get(f"{url}/v2/health/ready").json() == {"ready": True}
    assert httpx.get(f"{url}/v2").json()["name"] == "reviewer-modelserver"
    meta = httpx.get(f"{url}/v2/models/{backend.version.name}").json()
    assert meta["name"] == backend.version.name and meta["versions"] == [backend.version.version]
    assert meta["inputs"][0]["name"] == "TEXT" and meta["outputs"][0]["shape"] == [-1, 3]
    assert meta["parameters"]["checksum"] == backend.version.checksum
    assert httpx.get(f"{url}/v2/models/{backend.version.name}/ready").json()["ready"] is True
    assert httpx.get(f"{url}/v2/models/nope").status_code == 404
    assert httpx.get(f"{url}/v2/models/{backend.version.name}/versions/9.9.9").status_code == 404


def test_infer_returns_the_in_process_scores_with_the_model_identity(server, backend, tiny_model):
    url, _ = server
    texts = [s.text for s in read_split(tiny_model / "data", "val")][:5]
    response = httpx.post(
        f"{url}/v2/models/{backend.version.name}/infer", json=protocol.infer_request(texts, "abc")
    )
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == "abc" and body["model_name"] == backend.version.name
    assert body["model_version"] == backend.version.version
    probs, info = protocol.parse_infer_response(body, len(texts))
    assert info["checksum"] == backend.version.checksum
    np.testing.assert_allclose(probs, backend.predict(texts), atol=2e-3)  # int8 scales are per batch
    versioned = httpx.post(
        f"{url}/v2/models/{backend.version.name}/versions/{backend.version.version}/infer",
        json=protocol.infer_request(texts[:1]),
    )
    assert versioned.status_code == 200


def test_bad_requests_get_400_with_an_error_message(server, backend):
    url, _ = server
    bad = httpx.post(f"{url}/v2/models/{backend.version.name}/infer", json={"inputs": [{"name": "TEXT"}]})
    assert bad.status_code == 400 and "error" in bad.json()
    not_json = httpx.post(f"{url}/v2/models/{backend.version.name}/infer", content=b"{nope")
    assert not_json.status_code == 400


def test_concurrent_requests_are_batched_and_each_gets_its_own_rows(server, backend, tiny_model):
    url, app = server
    texts = [s.text for s in read_split(tiny_model / "data", "val")][:32]
    expected = backend.predict(texts)
    before = app.state.batcher.stats.batches, app.state.batcher.stats.requests

    def one(i):
        r = httpx.post(
            f"{url}/v2/models/{backend.version.name}/infer",
            json=protocol.infer_request([texts[i]]),
            timeout=30,
        )
        return protocol.parse_infer_response(r.json(), 1)[0][0]

    with ThreadPoolExecutor(32) as pool:
        got = list(pool.map(one, range(len(texts))))
    np.testing.assert_allclose(np.stack(got), expected, atol=2e-3)
    batches = app.state.batcher.stats.batches - before[0]
    requests = app.state.batcher.stats.requests - before[1]
    assert requests == len(texts)
    assert batches < requests  # some requests shared a model call
    assert max(app.state.batcher.stats.batch_sizes) <= 16
    metrics = httpx.get(f"{url}/metrics").text
    assert "reviewer_model_batches_total" in metrics and backend.version.checksum in metrics
