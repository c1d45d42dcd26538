"""What running a candidate model costs: review latency with shadow off vs on, and model-server
throughput with 1, 2 and 3 replicas on loopback.

1. Shadow overhead. A fresh SQLite service (the real review job, in-process scanners
   reviewer-secrets, silencers, structure, dependencies and the classifier) reviews the same
   change (``--units`` Python functions over several files) again and again, alternating the
   policy between ``off`` and ``shadow``. The candidate is the same network recalibrated (other
   thresholds, so another version): the cost of a same-size candidate. Reported for each mode:
   p50 and mean review wall time, the classifier scanner's own time, and the process CPU time per
   review (all threads, the shadow's storage included); overhead = p50 on / p50 off - 1, and the
   median over back-to-back pairs of on / off - 1 (goal: <= 10% with the candidate scored
   concurrently). Shadow predictions are stored off the review's
   path; the benchmark waits for them after each timed review, outside the timing.
2. Replicas. ``reviewer model serve`` (ONNX int8, one intra-op thread each, dynamic batching) is
   started 1, 2 and 3 times on loopback ports; the classifier's v2 client (least outstanding
   requests over the replicas) is driven by ``--clients`` threads sending ``--batch`` units per
   request for ``--seconds``. Reported: units/s and the requests each replica served.

    .venv/bin/python benchmarks/ab_overhead.py [--model-dir DIR] [--reviews 15] [--units 48]
        [--replicas 1,2,3] [--clients 16] [--batch 8] [--seconds 10] [--json OUT]

Without ``--model-dir``: the configured model (REVIEWER_MODEL_DIR / the shipped default) when
present, else a tiny model trained on the spot (seconds; its timings understate a real model's).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TEMPLATES = [
    [
        "def find_{n}(db, request):",
        "    name = request.args.get('name_{n}')",
        "    return db.execute(\"SELECT * FROM t_{n} WHERE name = '%s'\" % name)",
    ],
    [
        "def connect_{n}():",
        "    api_key = 'sk_live_{n}4eC39HqLyjWDarjtT1zdp7dc'",
        "    return Client(api_key=api_key)",
    ],
    [
        "@app.route('/admin/delete_{n}/<int:item_id>', methods=['POST'])",
        "def delete_{n}(item_id):",
        "    Item.query.filter_by(id=item_id).delete()",
        "    return 'ok'",
    ],
    [
        "def read_{n}(request):",
        "    path = request.args['path']",
        "    with open('/srv/{n}/' + path) as fh:",
        "        return fh.read()",
    ],
    [
        "def total_{n}(items):",
        "    values = [item.price * item.qty for item in items]",
        "    return sum(values)",
    ],
    ["def render_{n}(user):", "    title = escape(user.name)", "    return f'<h1>{{title}}</h1>'"],
]


def make_diff(units: int, per_file: int = 8) -> bytes:
    out = []
    for start in range(0, units, per_file):
        lines: list[str] = []
        for n in range(start, min(units, start + per_file)):
            lines += [line.format(n=n) for line in TEMPLATES[n % len(TEMPLATES)]] + [""]
        path = f"app/module_{start // per_file}.py"
        out.append(
            f"diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n+++ b/{path}\n"
            f"@@ -0,0 +1,{len(lines)} @@\n" + "".join(f"+{line}\n" for line in lines)
        )
    return "".join(out).encode()


def model_folder(arg: str | None, work: Path) -> Path:
    from reviewer.settings import Settings

    if arg:
        return Path(arg)
    configured = Settings().model_dir
    if (configured / "reviewer-model.json").exists():
        return configured
    from reviewer.classifier.train import train_tiny

    print("no model configured: training a tiny one (its timings understate a real model's)", file=sys.stderr)
    return train_tiny(work / "tiny", ROOT.parent / "shared" / "data" / "sven")


def candidate_of(model: Path, work: Path) -> Path:
    from reviewer.classifier.bundle import META, write_checksums

    target = work / "candidate"
    shutil.copytree(model, target, ignore=shutil.ignore_patterns("data"))
    meta = json.loads((target / META).read_text(encoding="utf-8"))
    meta["version"] = f"{meta['version']}-candidate"
    meta["thresholds"] = [max(0.01, t * 0.8) for t in meta.get("thresholds", [0.5, 0.5, 0.5])]
    (target / META).write_text(json.dumps(meta, indent=2, sort_keys=True), encoding="utf-8")
    write_checksums(target)
    return target


def shadow_overhead(model: Path, candidate: Path, work: Path, reviews: int, units: int) -> dict:
    from reviewer.db import migrate, review_store
    from reviewer.db.engine import engine_for_url
    from reviewer.modelops import usecases
    from reviewer.models_policy.guard import GuardPolicy
    from reviewer.service.review_job import run_review_job
    from reviewer.service.runtime import build_runtime
    from reviewer.service.submission import Submission, submit_diff
    from reviewer.settings import Settings

    url = f"sqlite:///{work / 'bench.db'}"
    engine = engine_for_url(url)
    migrate.upgrade(engine)
    settings = Settings(
        env="test",
        data_dir=work,
        database_url=url,
        model_backend="onnx",
        model_dir=model,
        scanners="reviewer-secrets,silencers,structure,dependencies,classifier",
    )
    runtime = build_runtime(settings, engine=engine)
    with runtime.sessions() as s:
        primary, _ = usecases.register(
            usecases.read_model_folder(model), actor="bench", session=s, path=str(model)
        )
        cand, _ = usecases.register(
            usecases.read_model_folder(candidate), actor="bench", session=s, path=str(candidate)
        )
        usecases.promote(primary.ref, actor="bench", reason="", guard=GuardPolicy(), session=s)
    diff = make_diff(units)
    timings: dict[str, list[float]] = {"off": [], "shadow": []}
    model_s: dict[str, list[float]] = {"off": [], "shadow": []}
    cpu_s: dict[str, list[float]] = {"off": [], "shadow": []}
    counter = 0

    def one(mode: str, keep: bool) -> None:
        nonlocal counter
        counter += 1
        with runtime.sessions() as s:
            usecases.set_policy(
                {"mode": mode, "candidate": cand.ref if mode == "shadow" else None}, actor="bench", session=s
            )
        with runtime.sessions.begin() as s:
            review_id = submit_diff(
                diff, Submission(repository=f"bench/repo-{counter}"), limits=settings.limits(), session=s
            ).id
        started, cpu_started = time.perf_counter(), time.process_time()
        status = run_review_job(review_id, runtime=runtime)
        elapsed = time.perf_counter() - started
        assert status == "complete", status
        for hook in runtime.hooks:  # shadow scores are stored off the review's path: not timed
            hook.drain()
        cpu = time.process_time() - cpu_started  # every thread of the process, shadow included
        with runtime.sessions() as s:
            runs = {r.scanner: r.duration_s for r in review_store.scanner_runs_of(review_id, session=s)}
        if keep:
            timings[mode].append(elapsed)
            model_s[mode].append(runs["classifier"])
            cpu_s[mode].append(cpu)

    for mode in ("off", "shadow", "off", "shadow"):  # warm-up: backends loaded, caches filled
        one(mode, keep=False)
    for i in range(reviews):
        for mode in ("off", "shadow") if i % 2 == 0 else ("shadow", "off"):
            one(mode, keep=True)
    with runtime.sessions() as s:
        from sqlalchemy import func, select

        from reviewer.modelops.tables import ModelPrediction

        stored = dict(
            s.execute(select(ModelPrediction.role, func.count()).group_by(ModelPrediction.role)).all()
        )
    for hook in runtime.hooks:
        hook.close()
    engine.dispose()

    def stats(values: list[float]) -> dict:
        return {
            "p50_ms": round(statistics.median(values) * 1000, 1),
            "mean_ms": round(statistics.fmean(values) * 1000, 1),
        }

    result = {
        mode: {
            "review": stats(timings[mode]),
            "classifier_scanner": stats(model_s[mode]),
            "cpu": stats(cpu_s[mode]),
        }
        for mode in timings
    }
    off, on = result["off"]["review"]["p50_ms"], result["shadow"]["review"]["p50_ms"]
    result["overhead_p50_pct"] = round((on / off - 1) * 100, 1)
    # Each iteration ran one review per mode back to back: the median of those pairs' ratios is
    # robust to the machine's load drifting during the run.
    pairs = [b / a - 1 for a, b in zip(timings["off"], timings["shadow"], strict=True)]
    result["overhead_paired_median_pct"] = round(statistics.median(pairs) * 100, 1)
    result["reviews_per_mode"] = reviews
    result["units_per_review"] = units
    result["predictions_stored"] = stored  # shadow rows prove the candidate really ran
    return result


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_ready(url: str, timeout_s: float = 90.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/v2/health/ready", timeout=1) as answer:  # loopback only
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"model server {url} not ready after {timeout_s}s")


def replica_throughput(model: Path, replicas: int, clients: int, batch: int, seconds: float) -> dict:
    from reviewer.classifier.bundle import load_bundle
    from reviewer.classifier.client import RemoteBackend

    # Unit-sized texts (one function each), as the classifier scanner sends them.
    texts = ["\n".join(TEMPLATES[n % len(TEMPLATES)]).format(n=n) for n in range(64)]
    ports = [free_port() for _ in range(replicas)]
    servers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "reviewer",
                "model",
                "serve",
                "--model-dir",
                str(model),
                "--port",
                str(p),
                "--backend",
                "onnx",
                "--threads",
                "1",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "OMP_NUM_THREADS": "1"},
        )
        for p in ports
    ]
    urls = [f"http://127.0.0.1:{p}" for p in ports]
    try:
        for url in urls:
            wait_ready(url)
        backend = RemoteBackend(urls, load_bundle(model).version.name, chunk=batch)
        backend.predict(texts[:batch])  # metadata and connections
        done = [0] * clients
        stop = time.monotonic() + seconds

        def work(i: int) -> None:
            k = i
            while time.monotonic() < stop:
                chunk = [texts[(k + j) % len(texts)] for j in range(batch)]
                backend.predict(chunk)
                done[i] += len(chunk)
                k += batch

        threads = [threading.Thread(target=work, args=(i,)) for i in range(clients)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - started
        per_replica = {s["url"]: s["requests"] for s in backend.pool.stats()}
        backend.close()
        return {
            "replicas": replicas,
            "units_per_s": round(sum(done) / elapsed, 1),
            "requests_per_replica": per_replica,
        }
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model-dir", default=None)
    parser.add_argument("--reviews", type=int, default=15, help="timed reviews per mode")
    parser.add_argument("--units", type=int, default=48, help="Python functions in the reviewed change")
    parser.add_argument("--replicas", default="1,2,3")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--skip-shadow", action="store_true")
    parser.add_argument("--skip-replicas", action="store_true")
    parser.add_argument("--json", dest="json_out", default=None)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ab-overhead-") as tmp:
        work = Path(tmp)
        model = model_folder(args.model_dir, work)
        report: dict = {"model": str(model), "cpus": os.cpu_count()}
        if not args.skip_shadow:
            report["shadow"] = shadow_overhead(
                model, candidate_of(model, work), work, args.reviews, args.units
            )
            print(json.dumps({"shadow": report["shadow"]}, indent=2), file=sys.stderr)
        if not args.skip_replicas:
            report["replicas"] = [
                replica_throughput(model, int(n), args.clients, args.batch, args.seconds)
                for n in args.replicas.split(",")
            ]
    text = json.dumps(report, indent=2, sort_keys=True)
    print(text)
    if args.json_out:
        Path(args.json_out).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
