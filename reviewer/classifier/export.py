"""Export a trained model to ONNX and quantise it (ONNX Runtime dynamic int8).

The legacy TorchScript exporter is used on purpose: it needs no ``onnxscript`` and gives a
graph with dynamic batch and sequence axes that ONNX Runtime optimises well. Attention is traced
in its eager form so padding masks behave identically for every batch shape.
"""

from __future__ import annotations

import tempfile
import warnings
from pathlib import Path

from reviewer.classifier.bundle import ONNX_FP32, ONNX_INT8, load_bundle, write_checksums
from reviewer.classifier.modeling import load_torch_model


def export_onnx(model_dir: Path, int8: bool = True, keep_fp32: bool = False) -> list[Path]:
    """Write ``model.int8.onnx`` (and ``model.onnx`` when ``keep_fp32``); returns the paths written."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    bundle = load_bundle(model_dir, verify=False)
    model = load_torch_model(bundle, attn="eager")
    ids = torch.full((2, 16), 5, dtype=torch.long)
    mask = torch.ones_like(ids)
    mask[1, 10:] = 0
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / ONNX_FP32
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                model,
                (ids, mask),
                str(fp32),
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
        if keep_fp32:
            target = model_dir / ONNX_FP32
            target.write_bytes(fp32.read_bytes())
            written.append(target)
        if int8:
            # per_channel keeps agreement with fp32 high for a model this small
            quantize_dynamic(
                str(fp32), str(model_dir / ONNX_INT8), weight_type=QuantType.QInt8, per_channel=True
            )
            written.append(model_dir / ONNX_INT8)
    write_checksums(model_dir)
    return written
