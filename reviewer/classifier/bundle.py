"""A model folder: metadata, tokenizer, weights, checksums. Loads offline, verifies integrity.

Layout (``reviewer model train`` writes it, ``reviewer model export`` adds the ONNX files)::

    reviewer-model.json   name, version, classes, max_len, temperatures, thresholds, config, metrics
    tokenizer.json        the project's own BPE tokenizer
    model.safetensors     fp32 weights (torch backends: fp32, dynamic int8, GPU bf16)
    model.int8.onnx       ONNX, dynamically quantised to int8 (the default CPU backend)
    CHECKSUMS             sha256sum lines for the files above; its own sha256 is the model checksum
    MODEL_CARD.md         data, metrics, thresholds, size, speed, limits
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewer.classifier.labels import CLASSES, ModelVersion
from reviewer.errors import ConfigError

META = "reviewer-model.json"
TOKENIZER = "tokenizer.json"
WEIGHTS = "model.safetensors"
ONNX_INT8 = "model.int8.onnx"
ONNX_FP32 = "model.onnx"  # written by export when asked; not shipped (size)
CHECKSUMS = "CHECKSUMS"
CHECKED = (META, TOKENIZER, WEIGHTS, ONNX_INT8, ONNX_FP32)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_checksums(model_dir: Path) -> str:
    """(Re)write CHECKSUMS over the files present; returns the model checksum."""
    lines = [f"{_sha256(model_dir / name)}  {name}\n" for name in CHECKED if (model_dir / name).exists()]
    (model_dir / CHECKSUMS).write_text("".join(lines), encoding="utf-8")
    return hashlib.sha256("".join(lines).encode()).hexdigest()


@dataclass(frozen=True)
class Bundle:
    """A verified model folder."""

    path: Path
    meta: dict[str, Any]
    version: ModelVersion

    @property
    def classes(self) -> tuple[str, ...]:
        return tuple(self.meta["classes"])

    @property
    def max_len(self) -> int:
        return int(self.meta["max_len"])

    @property
    def temperature(self) -> list[float]:
        return [float(t) for t in self.meta.get("temperature", [1.0] * len(self.classes))]

    @property
    def thresholds(self) -> list[float]:
        return [float(t) for t in self.meta.get("thresholds", [0.5] * len(self.classes))]

    def file(self, name: str) -> Path:
        return self.path / name

    def has(self, name: str) -> bool:
        return (self.path / name).exists()

    def encoder(self) -> Any:
        from reviewer.classifier.encoding import Encoder

        return Encoder.load(self.file(TOKENIZER), self.max_len)


def load_bundle(model_dir: Path, verify: bool = True) -> Bundle:
    """Read and (by default) verify a model folder; ConfigError when missing or tampered with."""
    meta_path = model_dir / META
    if not meta_path.exists():
        raise ConfigError(f"no model at {model_dir} (missing {META}); train one with `reviewer model train`")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    if tuple(meta.get("classes", ())) != CLASSES:
        raise ConfigError(f"model at {model_dir} has classes {meta.get('classes')}, expected {list(CLASSES)}")
    sums_path = model_dir / CHECKSUMS
    if not sums_path.exists() and verify:
        raise ConfigError(f"model at {model_dir} has no {CHECKSUMS} file")
    sums_text = sums_path.read_text(encoding="utf-8") if sums_path.exists() else ""
    if verify:
        for line in sums_text.splitlines():
            expected, name = line.split(None, 1)
            target = model_dir / name.strip()
            if not target.exists() or _sha256(target) != expected:
                raise ConfigError(f"model file {target} is missing or does not match {CHECKSUMS}")
    checksum = hashlib.sha256(sums_text.encode()).hexdigest()
    version = ModelVersion(str(meta["name"]), str(meta["version"]), checksum)
    return Bundle(model_dir, meta, version)
