import numpy as np
import pytest

from reviewer.modelserver import protocol


def test_request_follows_the_v2_tensor_shape():
    body = protocol.infer_request(["def f(): pass", "x = 1"], "req-1")
    assert body == {
        "id": "req-1",
        "inputs": [{"name": "TEXT", "shape": [2], "datatype": "BYTES", "data": ["def f(): pass", "x = 1"]}],
        "outputs": [{"name": "PROBABILITIES"}],
    }
    assert protocol.parse_infer_request(body) == ("req-1", ["def f(): pass", "x = 1"])


def test_request_accepts_n_by_1_shape_and_nested_data():
    body = {"inputs": [{"name": "TEXT", "shape": [2, 1], "datatype": "BYTES", "data": [["a"], ["b"]]}]}
    assert protocol.parse_infer_request(body) == ("", ["a", "b"])


@pytest.mark.parametrize(
    "body",
    [
        [],
        {"inputs": []},
        {"inputs": [{"name": "OTHER", "shape": [1], "datatype": "BYTES", "data": ["a"]}]},
        {"inputs": [{"name": "TEXT", "shape": [1], "datatype": "FP32", "data": [1.0]}]},
        {"inputs": [{"name": "TEXT", "shape": [3], "datatype": "BYTES", "data": ["a"]}]},
        {"inputs": [{"name": "TEXT", "shape": [1], "datatype": "BYTES", "data": [7]}]},
        {
            "inputs": [{"name": "TEXT", "shape": [1], "datatype": "BYTES", "data": ["a"]}],
            "outputs": [{"name": "X"}],
        },
    ],
)
def test_malformed_requests_are_refused(body):
    with pytest.raises(protocol.ProtocolError):
        protocol.parse_infer_request(body)


def test_response_round_trip_carries_model_identity():
    probs = np.array([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], dtype=np.float32)
    body = protocol.infer_response("m", "1.0", "abc", ["validation", "secrets", "access-control"], probs, "r")
    assert body["outputs"][0]["shape"] == [2, 3] and body["outputs"][0]["datatype"] == "FP32"
    assert len(body["outputs"][0]["data"]) == 6  # row-major, flattened
    got, info = protocol.parse_infer_response(body, 2)
    np.testing.assert_allclose(got, probs, atol=1e-6)
    assert info == {"name": "m", "version": "1.0", "checksum": "abc"}
    with pytest.raises(protocol.ProtocolError):
        protocol.parse_infer_response(body, 3)


def test_metadata_names_inputs_outputs_and_thresholds():
    meta = protocol.model_metadata("m", "1", "c", ["a", "b", "c"], [0.5, 0.6, 0.7], "reviewer_onnx-int8")
    assert meta["inputs"] == [{"name": "TEXT", "datatype": "BYTES", "shape": [-1]}]
    assert meta["outputs"] == [{"name": "PROBABILITIES", "datatype": "FP32", "shape": [-1, 3]}]
    assert meta["versions"] == ["1"] and meta["parameters"]["thresholds"] == [0.5, 0.6, 0.7]
