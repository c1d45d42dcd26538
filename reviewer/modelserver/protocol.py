"""Open Inference Protocol v2 (KServe / Triton REST) messages for the classifier. Pure, no I/O.

The model takes one input, ``TEXT`` (BYTES, shape [n] or [n, 1]: one code unit per row, as
``reviewer.classifier.units`` renders it) and returns ``PROBABILITIES`` (FP32, shape [n, 3],
calibrated, in ``CLASSES`` order). Tokenising on the server keeps the client independent of the
model: a bigger model with another tokenizer can replace the shipped one behind the same URL.
Responses carry ``model_name``, ``model_version`` and, in ``parameters``, the model checksum
and classes, so every prediction records exactly which model made it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from reviewer.errors import UsageError

INPUT = "TEXT"
OUTPUT = "PROBABILITIES"
MAX_ROWS = 1024
MAX_TEXT = 64 * 1024


class ProtocolError(UsageError):
    """A request or response that does not follow the protocol (HTTP 400)."""

    title = "Bad inference request"


def infer_request(texts: Sequence[str], request_id: str = "") -> dict[str, Any]:
    body: dict[str, Any] = {
        "inputs": [{"name": INPUT, "shape": [len(texts)], "datatype": "BYTES", "data": list(texts)}],
        "outputs": [{"name": OUTPUT}],
    }
    if request_id:
        body["id"] = request_id
    return body


def parse_infer_request(body: Any) -> tuple[str, list[str]]:
    """(id, texts) from a request body; ProtocolError for anything malformed."""
    if not isinstance(body, dict) or not isinstance(body.get("inputs"), list):
        raise ProtocolError("request must be an object with an 'inputs' list")
    inputs = [i for i in body["inputs"] if isinstance(i, dict) and i.get("name") == INPUT]
    if len(inputs) != 1:
        raise ProtocolError(f"expected exactly one input named {INPUT!r}")
    tensor = inputs[0]
    if tensor.get("datatype") != "BYTES":
        raise ProtocolError(f"input {INPUT!r} must have datatype BYTES")
    shape = tensor.get("shape")
    data = tensor.get("data")
    if isinstance(data, list) and data and isinstance(data[0], list):  # nested [[text], ...] form
        data = [row[0] if len(row) == 1 else None for row in data]
    if (
        not isinstance(shape, list)
        or not all(isinstance(d, int) for d in shape)
        or not isinstance(data, list)
    ):
        raise ProtocolError("input needs an integer 'shape' list and a 'data' list")
    if shape not in ([len(data)], [len(data), 1]):
        raise ProtocolError(
            f"shape {shape} does not match {len(data)} data elements (expected [n] or [n, 1])"
        )
    if len(data) > MAX_ROWS:
        raise ProtocolError(f"at most {MAX_ROWS} rows per request")
    if not all(isinstance(t, str) and len(t) <= MAX_TEXT for t in data):
        raise ProtocolError(f"every data element must be a string of at most {MAX_TEXT} characters")
    wanted = body.get("outputs")
    if wanted is not None and (
        not isinstance(wanted, list)
        or any(not isinstance(o, dict) or o.get("name") != OUTPUT for o in wanted)
    ):
        raise ProtocolError(f"the only output is {OUTPUT!r}")
    request_id = body.get("id", "")
    return (request_id if isinstance(request_id, str) else str(request_id)), data


def infer_response(
    model_name: str,
    model_version: str,
    checksum: str,
    classes: Sequence[str],
    probabilities: np.ndarray,
    request_id: str = "",
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "model_name": model_name,
        "model_version": model_version,
        "parameters": {"checksum": checksum, "classes": ",".join(classes)},
        "outputs": [
            {
                "name": OUTPUT,
                "shape": [int(probabilities.shape[0]), int(probabilities.shape[1])],
                "datatype": "FP32",
                "data": [round(float(x), 6) for x in probabilities.reshape(-1)],
            }
        ],
    }
    if request_id:
        body["id"] = request_id
    return body


def parse_infer_response(body: Any, rows: int) -> tuple[np.ndarray, dict[str, str]]:
    """(probabilities [rows, k], {"name", "version", "checksum"}) from a response body."""
    try:
        out = next(o for o in body["outputs"] if o["name"] == OUTPUT)
        shape = [int(d) for d in out["shape"]]
        data = np.asarray(out["data"], dtype=np.float32).reshape(-1)
        params = body.get("parameters") or {}
        info = {
            "name": str(body["model_name"]),
            "version": str(body.get("model_version", "")),
            "checksum": str(params.get("checksum", "")),
        }
    except (KeyError, TypeError, ValueError, StopIteration) as exc:
        raise ProtocolError(f"malformed inference response: {exc}") from None
    if len(shape) != 2 or shape[0] != rows or data.size != shape[0] * shape[1]:
        raise ProtocolError(f"response shape {shape} does not fit {rows} rows")
    return data.reshape(shape), info


def model_metadata(
    name: str, version: str, checksum: str, classes: Sequence[str], thresholds: Sequence[float], platform: str
) -> dict[str, Any]:
    return {
        "name": name,
        "versions": [version],
        "platform": platform,
        "inputs": [{"name": INPUT, "datatype": "BYTES", "shape": [-1]}],
        "outputs": [{"name": OUTPUT, "datatype": "FP32", "shape": [-1, len(classes)]}],
        # not in the spec's required fields; clients that do not know it ignore it
        "parameters": {"checksum": checksum, "classes": list(classes), "thresholds": list(thresholds)},
    }
