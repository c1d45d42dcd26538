"""Classifier inference on CPU: fp32 versus compressed backends.

For each backend — torch fp32 (the reference, the model as trained), torch dynamic int8,
ONNX Runtime fp32 and ONNX Runtime int8 (dynamic quantisation, the shipped default) — and each
batch size (1, 8, 32): units/s and p50/p95 latency per batch call, on real validation units
(tokenisation included, as in a review). Agreement: the share of validation units whose three
thresholded decisions equal torch fp32's. Goal: compressed >= 2x fp32 units/s at >= 99%.

    .venv/bin/python benchmarks/classifier_cpu.py [--model-dir DIR] [--data DIR] [--units 256]
        [--threads 2] [--json OUT]

``--data``: a built dataset (``reviewer model datagen``); without it the val units are rebuilt
from the seeded generator and held-out real code (same recipe, smaller).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def val_texts(data: Path | None, limit: int) -> list[str]:
    from reviewer.classifier import datagen

    if data is not None:
        return [s.text for s in datagen.read_split(data, "val")][:limit]
    sven = ROOT.parent / "shared" / "data" / "sven"
    sizes = datagen.Sizes(
        {"secrets": 12, "access-control": 12, "validation": 12}, real_train=0, real_val=limit // 2
    )
    samples = datagen.build(sven if sven.exists() else None, seed=7, sizes=sizes)
    return [s.text for s in samples if s.split == "val"][:limit] or [s.text for s in samples][:limit]


def measure(backend, texts: list[str], batch: int, budget_s: float = 20.0) -> dict:
    backend.predict(texts[:batch])  # warm-up
    latencies = []
    started = time.perf_counter()
    done = 0
    for i in range(0, len(texts), batch):
        t = time.perf_counter()
        backend.predict(texts[i : i + batch])
        latencies.append((time.perf_counter() - t) * 1000)
        done += len(texts[i : i + batch])
        if time.perf_counter() - started > budget_s:
            break
    wall = time.perf_counter() - started
    latencies.sort()
    return {
        "units": done,
        "units_per_s": round(done / wall, 1),
        "p50_ms": round(statistics.median(latencies), 2),
        "p95_ms": round(latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))], 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model-dir", type=Path, default=ROOT / "reviewer" / "classifier" / "default_model")
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--units", type=int, default=256)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batches", default="1,8,32")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", str(args.threads))

    import numpy as np

    from reviewer.classifier.backends import OnnxBackend, TorchBackend
    from reviewer.classifier.bundle import ONNX_FP32, load_bundle
    from reviewer.classifier.export import export_onnx

    shipped_version = str(load_bundle(args.model_dir).version)  # before the copy gains model.onnx
    work = Path(tempfile.mkdtemp(prefix="clf-bench-"))
    model_dir = work / "model"
    shutil.copytree(args.model_dir, model_dir)
    if not (model_dir / ONNX_FP32).exists():
        export_onnx(model_dir, int8=False, keep_fp32=True)  # the fp32 ONNX graph is not shipped (size)
    bundle = load_bundle(model_dir)
    texts = val_texts(args.data, args.units)
    backends = {
        "torch-fp32": TorchBackend(bundle, "fp32", threads=args.threads),
        "torch-int8": TorchBackend(bundle, "int8", threads=args.threads),
        "onnx-fp32": OnnxBackend(bundle, fp32=True, threads=args.threads),
        "onnx-int8": OnnxBackend(bundle, threads=args.threads),
    }
    thresholds = np.asarray(bundle.thresholds)
    reference = backends["torch-fp32"].predict(texts) >= thresholds
    result: dict = {
        "model": shipped_version,
        "units": len(texts),
        "threads": args.threads,
        "cpu_count": os.cpu_count(),
        "load_avg": os.getloadavg()[0],
        "backends": {},
    }
    for name, backend in backends.items():
        decisions = backend.predict(texts) >= thresholds
        entry = {"agreement_with_fp32": round(float((decisions == reference).all(1).mean()), 4)}
        for batch in [int(b) for b in args.batches.split(",")]:
            entry[f"batch_{batch}"] = measure(backend, texts, batch)
        result["backends"][name] = entry
        print(name, json.dumps(entry), flush=True)
    base = result["backends"]["torch-fp32"]
    for name in ("torch-int8", "onnx-fp32", "onnx-int8"):
        entry = result["backends"][name]
        entry["speedup_vs_fp32"] = {
            k: round(entry[k]["units_per_s"] / base[k]["units_per_s"], 2)
            for k in entry
            if k.startswith("batch_")
        }
    print(
        f"\nmodel {result['model']}, {len(texts)} val units, {args.threads} threads, "
        f"load {result['load_avg']:.1f}"
    )
    print(
        f"{'backend':12}{'agree':>8}"
        + "".join(f"{'b' + b + ' u/s':>11}{'p50ms':>8}{'p95ms':>8}" for b in args.batches.split(","))
        + "  speedup"
    )
    for name, entry in result["backends"].items():
        row = f"{name:12}{entry['agreement_with_fp32']:8.4f}"
        for b in args.batches.split(","):
            m = entry[f"batch_{b}"]
            row += f"{m['units_per_s']:11.1f}{m['p50_ms']:8.2f}{m['p95_ms']:8.2f}"
        print(row + "  " + json.dumps(entry.get("speedup_vs_fp32", {})))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
