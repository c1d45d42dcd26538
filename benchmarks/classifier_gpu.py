"""Classifier throughput on a CUDA GPU in bf16, by batch size, and the fraction of peak reached.

Prepared to run unattended in a few minutes (each point is time-boxed to ``--seconds``):

* ``shipped``: the shipped model (4 layers, hidden 128) through ``TorchBackend(mode="cuda")``,
  end to end (tokenisation included): the units/s a review sees.
* ``model-only``: the same network on pre-tokenised, pre-padded inputs already on the GPU, and a
  BERT-base-sized network of the same design (12 layers, hidden 768, random weights: the size a
  production model on a GPU would have) — forward passes only, synchronised, to measure TFLOP/s.

FLOPs per forward: 2 * (linear weights) * tokens + 4 * layers * seq^2 * hidden * batch (attention
scores and mix). The fraction of peak divides by the dense bf16 peak of the detected card
(H100/H200 SXM 989 TFLOP/s, H100 PCIe 756, A100 312, L40S 362, L4 121, A10 125; ``--peak-tflops`` overrides).

    python benchmarks/classifier_gpu.py [--model-dir DIR] [--seq 192] [--batches 1,8,32,128,512]
        [--seconds 3] [--json OUT]

Needs torch with CUDA; exits 2 with a message when no GPU is present.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# dense bf16 tensor-core peaks; the first key found in the device name wins (PCIe/NVL before SXM)
PEAK_BF16_TFLOPS = {
    "H200": 989.0,
    "H100 PCIe": 756.0,
    "H100 NVL": 835.0,
    "H100": 989.0,
    "A100": 312.0,
    "L40S": 362.0,
    "L4": 121.0,
    "A10": 125.0,
}


def peak_for(name: str, override: float | None) -> float | None:
    if override:
        return override
    for key, value in PEAK_BF16_TFLOPS.items():
        if key in name:
            return value
    return None


def forward_flops(arch: dict, batch: int, seq: int) -> float:
    h, layers, inter = arch["hidden_size"], arch["num_hidden_layers"], arch["intermediate_size"]
    linear = layers * (4 * h * h + 2 * h * inter) + h * h  # attention q,k,v,o + MLP + pooler
    return 2.0 * linear * batch * seq + 4.0 * layers * seq * seq * h * batch


def time_model(model, ids, mask, seconds: float) -> float:
    import torch

    sync = torch.cuda.synchronize if ids.is_cuda else (lambda: None)
    with torch.inference_mode():
        for _ in range(3):
            model(input_ids=ids, attention_mask=mask)
        sync()
        n, started = 0, time.perf_counter()
        while time.perf_counter() - started < seconds:
            model(input_ids=ids, attention_mask=mask)
            n += 1
        sync()
        return (time.perf_counter() - started) / n


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model-dir", type=Path, default=ROOT / "reviewer" / "classifier" / "default_model")
    parser.add_argument("--seq", type=int, default=192)
    parser.add_argument("--batches", default="1,8,32,128,512")
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--peak-tflops", type=float, default=None)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--cpu-smoke", action="store_true", help="check the logic on CPU (fp32, short)")
    args = parser.parse_args()

    import torch

    smoke = args.cpu_smoke
    dev, dtype = ("cpu", torch.float32) if smoke else ("cuda", torch.bfloat16)
    if smoke:
        args.batches, args.seconds = "1,4", 0.2
    elif not torch.cuda.is_available():
        print("no CUDA device: this benchmark needs a GPU", file=sys.stderr)
        return 2
    from reviewer.classifier.backends import TorchBackend
    from reviewer.classifier.bundle import load_bundle
    from reviewer.classifier.modeling import build_model

    torch.backends.cuda.matmul.allow_tf32 = True
    device = "cpu (smoke test)" if smoke else torch.cuda.get_device_name(0)
    peak = peak_for(device, args.peak_tflops)
    batches = [int(b) for b in args.batches.split(",")]
    bundle = load_bundle(args.model_dir)
    result: dict = {
        "device": device,
        "peak_bf16_tflops": peak,
        "seq": args.seq,
        "torch": torch.__version__,
        "model": str(bundle.version),
        "shipped_end_to_end": {},
        "model_only": {},
    }

    # End to end through the backend a review uses (tokenisation + padding + transfer + forward).
    from benchmarks.classifier_cpu import val_texts

    texts = val_texts(None, 512)
    backend = TorchBackend(bundle, "fp32" if smoke else "cuda", batch_size=128)
    backend.predict(texts[:64])
    for batch in batches:
        backend.batch_size = batch
        n, started = 0, time.perf_counter()
        while time.perf_counter() - started < args.seconds:
            backend.predict(texts[: max(batch, 64)])
            n += max(batch, 64)
        result["shipped_end_to_end"][batch] = round(n / (time.perf_counter() - started), 1)
        print(f"shipped end-to-end batch {batch}: {result['shipped_end_to_end'][batch]} units/s", flush=True)

    base_arch = {
        "vocab_size": 8192,
        "hidden_size": 768,
        "num_hidden_layers": 12,
        "num_attention_heads": 12,
        "intermediate_size": 3072,
        "max_position_embeddings": args.seq + 2,
        "hidden_dropout_prob": 0.0,
        "attention_probs_dropout_prob": 0.0,
    }
    variants = {"shipped": bundle.meta["architecture"], "bert-base-size": base_arch}
    for label, arch in variants.items():
        if smoke and label != "shipped":
            continue
        model = build_model(arch, 0, attn="sdpa").to(dev, dtype=dtype).eval()
        rows = {}
        for batch in batches:
            ids = torch.randint(5, arch["vocab_size"], (batch, args.seq), device=dev)
            mask = torch.ones_like(ids)
            try:
                per_call = time_model(model, ids, mask, args.seconds)
            except torch.cuda.OutOfMemoryError:
                rows[batch] = {"error": "out of memory"}
                continue
            tflops = forward_flops(arch, batch, args.seq) / per_call / 1e12
            rows[batch] = {
                "units_per_s": round(batch / per_call, 1),
                "ms_per_batch": round(per_call * 1000, 3),
                "tflops": round(tflops, 2),
                "fraction_of_peak": round(tflops / peak, 4) if peak else None,
            }
            print(f"{label} batch {batch}: {json.dumps(rows[batch])}", flush=True)
        result["model_only"][label] = rows
        del model
        if not smoke:
            torch.cuda.empty_cache()
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n")
    print(json.dumps(result, indent=2, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
