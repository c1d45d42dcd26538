"""One inference interface, several backends.

* ``onnx``: ONNX Runtime on CPU, int8 (``model.int8.onnx``) — the shipped default; needs no torch.
* ``torch``: in-process torch — CUDA in bf16 (or fp16) when a GPU is present, else CPU fp32;
  ``torch-int8`` is torch dynamic quantisation, kept for the benchmark's comparison.
* ``remote``: Open Inference Protocol v2 over HTTP (``reviewer.classifier.client``).

Every backend returns calibrated probabilities [n, classes] and carries the ``ModelVersion``
that made them.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from reviewer.classifier.bundle import ONNX_FP32, ONNX_INT8, Bundle, load_bundle
from reviewer.classifier.encoding import calibrated, length_batches
from reviewer.classifier.labels import ModelVersion
from reviewer.errors import ConfigError

KINDS = ("auto", "onnx", "onnx-fp32", "torch", "torch-int8", "cuda", "remote", "off")


class Backend(Protocol):
    kind: str
    version: ModelVersion
    thresholds: tuple[float, ...]

    def predict(self, texts: Sequence[str]) -> np.ndarray: ...

    def close(self) -> None: ...


class LocalBackend:
    """Tokenise, batch by length, run the model, calibrate. Subclasses supply ``_logits``."""

    kind = "local"

    def __init__(self, bundle: Bundle, batch_size: int = 32) -> None:
        self.bundle = bundle
        self.version = bundle.version
        self.thresholds = tuple(bundle.thresholds)
        self.batch_size = batch_size
        self._encoder = bundle.encoder()

    def _logits(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def logits(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), len(self.bundle.classes)), dtype=np.float32)
        if not texts:
            return out
        for batch in length_batches(self._encoder.lengths(texts), self.batch_size):
            ids, mask = self._encoder.encode([texts[i] for i in batch])
            out[batch] = self._logits(ids, mask)
        return out

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        return calibrated(self.logits(texts), self.bundle.temperature)

    def close(self) -> None:
        return None


class OnnxBackend(LocalBackend):
    def __init__(
        self, bundle: Bundle, fp32: bool = False, threads: int | None = None, batch_size: int = 32
    ) -> None:
        import onnxruntime as ort

        super().__init__(bundle, batch_size)
        name = ONNX_FP32 if fp32 else ONNX_INT8
        if not bundle.has(name):
            raise ConfigError(f"{bundle.file(name)} is missing; run `reviewer model export`")
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.intra_op_num_threads = threads or min(4, os.cpu_count() or 1)
        options.inter_op_num_threads = 1
        self._session = ort.InferenceSession(
            str(bundle.file(name)), options, providers=["CPUExecutionProvider"]
        )
        self.kind = "onnx-fp32" if fp32 else "onnx-int8"

    def _logits(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        return self._session.run(["logits"], {"input_ids": ids, "attention_mask": mask})[0]


class TorchBackend(LocalBackend):
    """``mode``: ``fp32`` (CPU), ``int8`` (CPU, torch dynamic quantisation), ``cuda`` (bf16/fp16)."""

    def __init__(
        self,
        bundle: Bundle,
        mode: str = "fp32",
        dtype: str = "bfloat16",
        batch_size: int = 32,
        threads: int | None = None,
    ) -> None:
        import torch

        from reviewer.classifier.modeling import load_torch_model

        super().__init__(bundle, batch_size)
        if threads:
            torch.set_num_threads(threads)
        model = load_torch_model(bundle)
        self._device = "cpu"
        if mode == "int8":
            model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
        elif mode == "cuda":
            if not torch.cuda.is_available():
                raise ConfigError("backend 'cuda' asked for but torch sees no CUDA device")
            self._device = "cuda"
            model = model.to("cuda", dtype=getattr(torch, dtype))
        self._model = model.eval()
        self._lock = threading.Lock() if mode == "cuda" else None  # one stream: serialise GPU batches
        self.kind = {"fp32": "torch-fp32", "int8": "torch-int8", "cuda": f"cuda-{dtype}"}[mode]

    def _logits(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        import torch

        with torch.inference_mode():
            t_ids = torch.from_numpy(ids).to(self._device, non_blocking=True)
            t_mask = torch.from_numpy(mask).to(self._device, non_blocking=True)
            if self._lock is None:
                return self._model(input_ids=t_ids, attention_mask=t_mask).logits.float().numpy()
            with self._lock:
                return self._model(input_ids=t_ids, attention_mask=t_mask).logits.float().cpu().numpy()


def cuda_present() -> bool:
    """Cheap check before importing torch: a CUDA driver device node or nvidia-smi on PATH."""
    if not (Path("/dev/nvidia0").exists() or shutil.which("nvidia-smi")):
        return False
    try:
        import torch
    except ImportError:
        return False
    return bool(torch.cuda.is_available())


def load_backend(
    kind: str,
    model_dir: Path,
    server_urls: Sequence[str] = (),
    model_name: str | None = None,
    threads: int | None = None,
) -> Backend:
    """Build the backend a setting names; ``auto`` = remote if URLs, GPU if present, else ONNX int8."""
    if kind not in KINDS or kind == "off":
        raise ConfigError(f"unknown or disabled model backend {kind!r}; expected one of {', '.join(KINDS)}")
    if kind == "remote" or (kind == "auto" and server_urls):
        from reviewer.classifier.client import RemoteBackend

        if not server_urls:
            raise ConfigError("model backend 'remote' needs REVIEWER_MODEL_SERVER_URLS")
        local = load_bundle(model_dir) if (model_dir / "reviewer-model.json").exists() else None
        return RemoteBackend(
            list(server_urls),
            model_name or (local.version.name if local else "reviewer-classifier"),
            fallback_thresholds=local.thresholds if local else None,
        )
    bundle = load_bundle(model_dir)
    if kind == "auto":
        kind = "cuda" if cuda_present() else "onnx"
    if kind == "onnx":
        return OnnxBackend(bundle, threads=threads)
    if kind == "onnx-fp32":
        return OnnxBackend(bundle, fp32=True, threads=threads)
    if kind == "torch":
        return TorchBackend(bundle, "cuda" if cuda_present() else "fp32", threads=threads)
    if kind == "cuda":
        return TorchBackend(bundle, "cuda", batch_size=128)
    return TorchBackend(bundle, "int8", threads=threads)


_CACHE: dict[tuple[str, str, tuple[str, ...]], Backend] = {}
_CACHE_LOCK = threading.Lock()


def cached_backend(kind: str, model_dir: Path, server_urls: Sequence[str] = ()) -> Backend:
    """One backend per configuration per process: loading a session costs ~100 ms, a review less."""
    key = (kind, str(model_dir.resolve()), tuple(server_urls))
    with _CACHE_LOCK:
        backend = _CACHE.get(key)
        if backend is None:
            backend = load_backend(kind, model_dir, server_urls)
            _CACHE[key] = backend
        return backend
