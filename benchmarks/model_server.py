"""The v2 model server under 32 concurrent clients: dynamic batching on versus off.

``reviewer model serve`` (ONNX int8) runs as a real subprocess on loopback, once with dynamic
batching (``--max-batch-size 32 --max-queue-delay-ms 5``) and once with ``--no-batching``.
``--clients`` asyncio clients each send one unit per request (the hardest case for a server:
many small requests) for ``--seconds``. Reported: requests/s, p50/p95 latency, and the average
rows per model call from the server's ``/metrics``.

    .venv/bin/python benchmarks/model_server.py [--model-dir DIR] [--clients 32] [--seconds 15]
        [--threads 2] [--json OUT]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def wait_ready(url: str, timeout_s: float = 120.0) -> None:
    import httpx

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/v2/health/ready", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} not ready")


async def drive(url: str, model: str, texts: list[str], clients: int, seconds: float) -> dict:
    import httpx

    from reviewer.modelserver import protocol

    latencies: list[float] = []
    errors = 0
    stop = time.monotonic() + seconds

    async def client(i: int, http: httpx.AsyncClient) -> None:
        nonlocal errors, stop
        k = i
        while time.monotonic() < stop:
            body = protocol.infer_request([texts[k % len(texts)]])
            t = time.perf_counter()
            r = await http.post(f"{url}/v2/models/{model}/infer", json=body)
            if r.status_code != 200:
                errors += 1
            latencies.append((time.perf_counter() - t) * 1000)
            k += clients

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=60, limits=limits) as http:
        await http.post(f"{url}/v2/models/{model}/infer", json=protocol.infer_request(texts[:8]))  # warm-up
        stop = time.monotonic() + seconds
        started = time.perf_counter()
        await asyncio.gather(*(client(i, http) for i in range(clients)))
        wall = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": errors,
        "requests_per_s": round(len(latencies) / wall, 1),
        "p50_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))], 1),
    }


def batch_rows(url: str) -> float:
    import httpx

    text = httpx.get(f"{url}/metrics").text
    rows = float(re.search(r"^reviewer_model_rows_total (\S+)", text, re.M).group(1))
    batches = float(re.search(r"^reviewer_model_batches_total (\S+)", text, re.M).group(1))
    return round(rows / max(batches, 1), 2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model-dir", type=Path, default=ROOT / "reviewer" / "classifier" / "default_model")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--max-batch-size", type=int, default=32)
    parser.add_argument("--max-queue-delay-ms", type=float, default=5.0)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()

    from benchmarks.classifier_cpu import val_texts
    from reviewer.classifier.bundle import load_bundle
    from reviewer.modelserver.runner import free_port

    bundle = load_bundle(args.model_dir)
    texts = val_texts(None, 256)
    result: dict = {
        "model": str(bundle.version),
        "clients": args.clients,
        "threads": args.threads,
        "load_avg": os.getloadavg()[0],
        "modes": {},
    }
    for mode in ("batching", "no-batching"):
        port = free_port()
        cmd = [
            sys.executable,
            "-m",
            "reviewer",
            "model",
            "serve",
            "--model-dir",
            str(args.model_dir),
            "--port",
            str(port),
            "--backend",
            "onnx",
            "--threads",
            str(args.threads),
            "--max-batch-size",
            str(args.max_batch_size),
            "--max-queue-delay-ms",
            str(args.max_queue_delay_ms),
        ]
        if mode == "no-batching":
            cmd.append("--no-batching")
        server = subprocess.Popen(
            cmd,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "OMP_NUM_THREADS": str(args.threads)},
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_ready(url)
            entry = asyncio.run(drive(url, bundle.version.name, texts, args.clients, args.seconds))
            entry["rows_per_model_call"] = batch_rows(url)
        finally:
            server.terminate()
            server.wait(timeout=30)
        result["modes"][mode] = entry
        print(mode, json.dumps(entry), flush=True)
    on, off = result["modes"]["batching"], result["modes"]["no-batching"]
    result["throughput_gain"] = round(on["requests_per_s"] / max(off["requests_per_s"], 1e-9), 2)
    print(
        f"\n{args.clients} clients, 1 unit per request, {args.threads} threads, "
        f"load {result['load_avg']:.1f}: "
        f"batching {on['requests_per_s']} req/s (p50 {on['p50_ms']} ms, p95 {on['p95_ms']} ms, "
        f"{on['rows_per_model_call']} rows/call) vs off {off['requests_per_s']} req/s "
        f"(p50 {off['p50_ms']} ms, p95 {off['p95_ms']} ms): x{result['throughput_gain']}"
    )
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
