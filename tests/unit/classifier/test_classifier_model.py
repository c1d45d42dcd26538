import json
import shutil

import numpy as np
import pytest

from reviewer.classifier import bundle as bundle_mod
from reviewer.classifier.backends import OnnxBackend, TorchBackend, load_backend
from reviewer.classifier.datagen import read_split
from reviewer.classifier.evaluate import agreement, evaluate
from reviewer.classifier.export import export_onnx
from reviewer.errors import ConfigError


def test_tiny_training_writes_a_complete_verified_model_folder(tiny_model):
    for name in (
        "reviewer-model.json",
        "tokenizer.json",
        "model.safetensors",
        "model.int8.onnx",
        "CHECKSUMS",
    ):
        assert (tiny_model / name).exists(), name
    b = bundle_mod.load_bundle(tiny_model)
    assert b.version.name == "reviewer-classifier-tiny" and len(b.version.checksum) == 64
    assert b.classes == ("validation", "secrets", "access-control")
    assert len(b.thresholds) == 3 and all(0 < t < 1 for t in b.thresholds)
    assert all(t > 0 for t in b.temperature)
    assert b.meta["training"]["train_samples"] > 20


def test_each_cpu_backend_loads_and_predicts_probabilities(tiny_model):
    texts = [s.text for s in read_split(tiny_model / "data", "val")][:12]
    export_onnx(tiny_model, int8=True, keep_fp32=True)
    b = bundle_mod.load_bundle(tiny_model)
    backends = [OnnxBackend(b), OnnxBackend(b, fp32=True), TorchBackend(b, "fp32"), TorchBackend(b, "int8")]
    assert [x.kind for x in backends] == ["onnx-int8", "onnx-fp32", "torch-fp32", "torch-int8"]
    reference = backends[2].predict(texts)
    assert reference.shape == (len(texts), 3) and ((reference > 0) & (reference < 1)).all()
    for backend in backends:
        probs = backend.predict(texts)
        assert backend.version == b.version  # every prediction can name its model
        np.testing.assert_allclose(probs, reference, atol=0.05)
    # onnx fp32 is the same network: near-identical scores, regardless of batch composition
    np.testing.assert_allclose(backends[1].predict(texts), reference, atol=1e-4)
    np.testing.assert_allclose(backends[1].predict(texts[:1]), reference[:1], atol=1e-4)
    assert backends[0].predict([]).shape == (0, 3)


def test_compressed_backends_agree_with_fp32_on_the_validation_split(tiny_model):
    result = agreement(tiny_model, tiny_model / "data")
    assert result["samples"] > 0 and result["reference"] == "torch-fp32"
    for kind in ("onnx", "torch-int8"):
        assert result["backends"][kind]["max_abs_prob_diff"] <= 0.01, result
    # decisions agree wherever fp32 is not within a hair of the threshold (a tiny model's scores
    # all sit near 0.5, so exact decision agreement is measured on the real model by eval)
    b = bundle_mod.load_bundle(tiny_model)
    texts = [s.text for s in read_split(tiny_model / "data", "val")]
    thresholds = np.asarray(b.thresholds)
    reference = TorchBackend(b, "fp32").predict(texts)
    clear = np.abs(reference - thresholds) > 0.01
    for probs in (OnnxBackend(b).predict(texts), TorchBackend(b, "int8").predict(texts)):
        assert ((probs >= thresholds) == (reference >= thresholds))[clear].all()


def test_eval_reports_per_class_metrics_and_calibration(tiny_model):
    result = evaluate(tiny_model, tiny_model / "data", "onnx")
    assert result["split"] == "val" and result["samples"] > 0
    assert [m["cls"] for m in result["classes"]] == ["validation", "secrets", "access-control"]
    for m in result["classes"]:
        assert {"precision", "recall", "f1", "ece", "threshold", "auc"} <= set(m)
        assert 0.0 <= m["ece"] <= 1.0
    assert "real" in result["by_source"]


def test_load_refuses_a_tampered_model(tiny_model, tmp_path):
    copy = tmp_path / "m"
    shutil.copytree(tiny_model, copy)
    meta = json.loads((copy / "reviewer-model.json").read_text())
    meta["thresholds"] = [0.0, 0.0, 0.0]
    (copy / "reviewer-model.json").write_text(json.dumps(meta))
    with pytest.raises(ConfigError, match="does not match"):
        bundle_mod.load_bundle(copy)
    new_checksum = bundle_mod.write_checksums(copy)
    assert (
        bundle_mod.load_bundle(copy).version.checksum
        == new_checksum
        != bundle_mod.load_bundle(tiny_model).version.checksum
    )


def test_missing_model_and_unknown_backend_are_config_errors(tmp_path, tiny_model):
    with pytest.raises(ConfigError, match="no model"):
        load_backend("onnx", tmp_path)
    with pytest.raises(ConfigError, match="unknown"):
        load_backend("tpu", tiny_model)


def test_the_shipped_default_model_loads_offline_with_onnx():
    from reviewer.settings import Settings

    model_dir = Settings().model_dir
    if not (model_dir / "reviewer-model.json").exists():
        pytest.skip("default model not built in this checkout")
    backend = load_backend("onnx", model_dir)
    probs = backend.predict(['<add> AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"'])
    assert probs.shape == (1, 3)
    size = sum(p.stat().st_size for p in model_dir.iterdir() if p.is_file())
    assert size <= 15 * 1024 * 1024


@pytest.mark.gpu
def test_cuda_backend_matches_cpu_in_bf16(tiny_model):
    torch = pytest.importorskip("torch")
    if not torch.cuda.is_available():
        pytest.skip("no CUDA device")
    b = bundle_mod.load_bundle(tiny_model)
    texts = [s.text for s in read_split(tiny_model / "data", "val")][:16]
    np.testing.assert_allclose(
        TorchBackend(b, "cuda").predict(texts), TorchBackend(b, "fp32").predict(texts), atol=0.05
    )


def test_onnx_inference_needs_neither_torch_nor_transformers(tiny_model):
    import subprocess
    import sys

    code = (
        "import sys\n"
        "sys.modules['torch'] = None\n"
        "sys.modules['transformers'] = None\n"
        "from pathlib import Path\n"
        "from reviewer.classifier.backends import load_backend\n"
        f"b = load_backend('onnx', Path({str(tiny_model)!r}))\n"
        "print(b.predict(['<add> x = 1']).shape, b.kind)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "(1, 3) onnx-int8"
