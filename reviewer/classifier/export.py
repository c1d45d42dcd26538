"""Export a trained model to ONNX and quantise it (ONNX Runtime dynamic int8).

The legacy TorchScript exporter is used on purpose: it needs no ``onnxscript`` and gives a
graph with dynamic batch and sequence axes that ONNX Runtime optimises well. Attention is traced
in its eager form so padding masks behave identically for every batch shape.

Quantisation is chosen by agreement, not by habit: candidate settings are tried from the most
compressed down, and the first whose thresholded decisions agree with fp32 on >= 99% of the dev
units is kept (dev, so that the val split stays untouched for the reported agreement).
"""

from __future__ import annotations

import json
import tempfile
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from reviewer.classifier.bundle import META, ONNX_FP32, ONNX_INT8, load_bundle, write_checksums
from reviewer.classifier.modeling import load_torch_model

MIN_AGREEMENT = 0.99

# name -> quantize_dynamic options, most compressed first
CANDIDATES: dict[str, dict[str, Any]] = {
    "int8-all-per-channel": {"per_channel": True},
    "int8-matmul-per-channel": {"per_channel": True, "op_types_to_quantize": ["MatMul"]},
    "int8-matmul-per-channel-fp32-head": {
        "per_channel": True,
        "op_types_to_quantize": ["MatMul"],
        "exclude_head": True,
    },
    # the MLP holds two thirds of each layer's weights; attention projections stay fp32
    "int8-mlp-only": {"per_channel": True, "op_types_to_quantize": ["MatMul"], "mlp_only": True},
}


def _export_fp32(model_dir: Path, target: Path) -> None:
    import torch

    model = load_torch_model(load_bundle(model_dir, verify=False), attn="eager")
    ids = torch.full((2, 16), 5, dtype=torch.long)
    mask = torch.ones_like(ids)
    mask[1, 10:] = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            model,
            (ids, mask),
            str(target),
            input_names=["input_ids", "attention_mask"],
            output_names=["logits"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "seq"},
                "attention_mask": {0: "batch", 1: "seq"},
                "logits": {0: "batch"},
            },
            opset_version=17,
            dynamo=False,
        )


def _head_nodes(fp32: Path) -> list[str]:
    """MatMul/Gemm nodes of the pooler and classifier: tiny, and where rounding flips decisions."""
    import onnx

    graph = onnx.load(str(fp32)).graph
    return [
        n.name
        for n in graph.node
        if n.op_type in ("MatMul", "Gemm") and ("pooler" in n.name or "classifier" in n.name)
    ]


def _mlp_nodes(fp32: Path) -> list[str]:
    import onnx

    graph = onnx.load(str(fp32)).graph
    return [
        n.name
        for n in graph.node
        if n.op_type == "MatMul"
        and ("intermediate" in n.name or ("output" in n.name and "attention" not in n.name))
    ]


def _quantise(fp32: Path, target: Path, options: dict[str, Any]) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    options = dict(options)
    exclude = _head_nodes(fp32) if options.pop("exclude_head", False) else None
    only = _mlp_nodes(fp32) if options.pop("mlp_only", False) else None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        quantize_dynamic(
            str(fp32),
            str(target),
            weight_type=QuantType.QInt8,
            nodes_to_exclude=exclude,
            nodes_to_quantize=only,
            **options,
        )


def _unit_agreement(model_dir: Path, texts: Sequence[str], reference: np.ndarray) -> float:
    from reviewer.classifier.backends import OnnxBackend

    bundle = load_bundle(model_dir, verify=False)
    thresholds = np.asarray(bundle.thresholds)
    probs = OnnxBackend(bundle).predict(texts)
    return float(((probs >= thresholds) == (reference >= thresholds)).all(1).mean())


def export_onnx(
    model_dir: Path, int8: bool = True, keep_fp32: bool = False, select_on: Sequence[str] = ()
) -> list[Path]:
    """Write ``model.int8.onnx`` (and ``model.onnx`` when ``keep_fp32``); returns the paths written.

    ``select_on``: units (dev split) on which to pick the most compressed setting that keeps
    >= 99% decision agreement with fp32; without them the first candidate is used.
    """
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / ONNX_FP32
        _export_fp32(model_dir, fp32)
        if keep_fp32:
            target = model_dir / ONNX_FP32
            target.write_bytes(fp32.read_bytes())
            written.append(target)
        if int8:
            chosen = _choose(model_dir, fp32, select_on)
            meta = json.loads((model_dir / META).read_text(encoding="utf-8"))
            meta["quantization"] = chosen
            (model_dir / META).write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
            written.append(model_dir / ONNX_INT8)
    write_checksums(model_dir)
    return written


def _choose(model_dir: Path, fp32: Path, texts: Sequence[str]) -> dict[str, Any]:
    names = list(CANDIDATES)
    if not texts:
        _quantise(fp32, model_dir / ONNX_INT8, CANDIDATES[names[0]])
        return {"setting": names[0], "selected_on": None}
    from reviewer.classifier.backends import OnnxBackend

    # ONNX fp32 is the reference: same graph as torch fp32 to ~1e-6, and no torch needed here
    target_fp32 = model_dir / ONNX_FP32
    had_fp32 = target_fp32.exists()
    target_fp32.write_bytes(fp32.read_bytes())
    reference = OnnxBackend(load_bundle(model_dir, verify=False), fp32=True).predict(texts)
    if not had_fp32:
        target_fp32.unlink()
    tried = {}
    for name in names:
        _quantise(fp32, model_dir / ONNX_INT8, CANDIDATES[name])
        tried[name] = round(_unit_agreement(model_dir, texts, reference), 4)
        if tried[name] >= MIN_AGREEMENT:
            return {"setting": name, "selected_on": "dev", "dev_agreement": tried}
    best = max(tried, key=lambda n: tried[n])
    _quantise(fp32, model_dir / ONNX_INT8, CANDIDATES[best])
    return {"setting": best, "selected_on": "dev", "dev_agreement": tried, "below_target": True}
