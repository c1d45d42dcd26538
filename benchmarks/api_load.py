"""Load on the real service over loopback: accept latency and review throughput.

1. accept: N submissions of the ~600-line change (the one benchmarks/review_latency.py builds:
   20 library files with a ~30-line block each and seeded flaws) from C concurrent clients
   against `reviewer serve`; p50/p99/max latency of the 202 answers. Measured twice: with the
   Celery executor and no worker running (the accept path alone), and with the embedded
   in-process executor, whose review threads compete for the same CPUs.
2. throughput: R copies of the change submitted at once; reviews per minute from the first
   submission to the last review finished — with the in-process executor (`serve`, 2 threads),
   and with Celery and 2 worker processes (`reviewer worker --concurrency 2`).

Every server and worker is a real subprocess on 127.0.0.1 with its own fresh database (SQLite
by default; --database-url for PostgreSQL) and Redis database 12 (flushed).

    .venv/bin/python benchmarks/api_load.py [--requests 1000] [--concurrency 50] [--reviews 40]
        [--modes accept,inprocess,celery] [--api-workers 2] [--scanners NAMES] [--database-url URL]
        [--keep DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
REVIEWER = [sys.executable, "-m", "reviewer"]
REDIS_URL = "redis://127.0.0.1:6379/12"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def env_for(work: Path, executor: str, database_url: str | None, scanners: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "REVIEWER_ENV": "development",
            "REVIEWER_DATA_DIR": str(work / "data"),
            "REVIEWER_EXECUTOR": executor,
            "REVIEWER_REDIS_URL": REDIS_URL,
            "REVIEWER_INPROCESS_WORKERS": "2",
            "REVIEWER_RATE_LIMIT_PER_MINUTE": "10000000",
            "REVIEWER_RATE_LIMIT_BURST": "1000000",
        }
    )
    if database_url:
        env["REVIEWER_DATABASE_URL"] = database_url
    if scanners:
        env["REVIEWER_SCANNERS"] = scanners
    return env


def fresh_database(base_url: str | None, work: Path) -> str | None:
    """None (SQLite under the data dir) or a new PostgreSQL schema on ``base_url``."""
    if not base_url:
        return None
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    url = make_url(base_url).set(drivername="postgresql+psycopg")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    return url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)


@contextmanager
def service(
    work: Path,
    executor: str,
    workers: int,
    database_url: str | None,
    scanners: str | None,
    api_workers: int = 1,
):
    """A running `reviewer serve` (and, with Celery, a worker pool); yields (base_url, token)."""
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    env = env_for(work, executor, fresh_database(database_url, work), scanners)
    if executor == "celery":
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()
    subprocess.run([*REVIEWER, "db", "upgrade"], env=env, check=True, capture_output=True)
    token = subprocess.run(
        [*REVIEWER, "token", "create", "--role", "admin", "--name", "bench"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    port = free_port()
    logs = [(work / "serve.log").open("w"), (work / "worker.log").open("w")]
    serve = [*REVIEWER, "serve", "--port", str(port), "--no-migrate", "--workers", str(api_workers)]
    procs = [subprocess.Popen(serve, env=env, stdout=logs[0], stderr=subprocess.STDOUT)]
    if executor == "celery" and workers:
        worker = [*REVIEWER, "worker", "--concurrency", str(workers), "--loglevel", "WARNING"]
        procs.append(subprocess.Popen(worker, env=env, stdout=logs[1], stderr=subprocess.STDOUT))
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"server did not start; see {work / 'serve.log'}")
            time.sleep(0.2)
        if executor == "celery" and workers:
            time.sleep(3)  # let the worker pool connect before timing starts
        yield base, token
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
        for log in logs:
            log.close()


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def accept_latency(base: str, token: str, body: bytes, requests: int, concurrency: int) -> dict:
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "text/x-diff"}
    latencies: list[float] = []
    codes: dict[int | str, int] = {}
    per_client = max(1, requests // concurrency)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        await client.post("/api/v1/reviews", headers=headers, content=body)  # warm-up

        async def one_client() -> None:
            for _ in range(per_client):
                started = time.perf_counter()
                try:
                    response = await client.post("/api/v1/reviews", headers=headers, content=body)
                except httpx.TransportError as exc:  # e.g. a keep-alive connection closed under us
                    codes[type(exc).__name__] = codes.get(type(exc).__name__, 0) + 1
                    continue
                latencies.append(time.perf_counter() - started)
                codes[response.status_code] = codes.get(response.status_code, 0) + 1

        started = time.perf_counter()
        await asyncio.gather(*(one_client() for _ in range(concurrency)))
        wall = time.perf_counter() - started
    ms = [x * 1000 for x in latencies]
    return {
        "requests": len(ms),
        "concurrency": concurrency,
        "codes": codes,
        "p50_ms": round(pct(ms, 0.50), 1),
        "p99_ms": round(pct(ms, 0.99), 1),
        "max_ms": round(max(ms), 1),
        "mean_ms": round(statistics.mean(ms), 1),
        "accepted_per_s": round(len(ms) / wall, 1),
    }


def throughput(base: str, token: str, body: bytes, reviews: int, timeout_s: float = 1800) -> dict:
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base, timeout=60) as client:
        started = time.perf_counter()
        ids = []
        for _ in range(reviews):
            r = client.post(
                "/api/v1/reviews", headers={**headers, "Content-Type": "text/x-diff"}, content=body
            )
            r.raise_for_status()
            ids.append(r.json()["id"])
        pending = set(ids)
        statuses: dict[str, str] = {}
        durations: list[float] = []
        while pending and time.perf_counter() - started < timeout_s:
            time.sleep(0.25)
            for rid in list(pending):
                review = client.get(f"/api/v1/reviews/{rid}", headers=headers).json()
                if review["status"] in ("complete", "partial", "failed"):
                    pending.discard(rid)
                    statuses[review["status"]] = statuses.get(review["status"], 0) + 1
                    durations.append(review["duration_s"] or 0.0)
        wall = time.perf_counter() - started
        sample = client.get(f"/api/v1/reviews/{ids[0]}/findings", headers=headers).json()["total"]
    return {
        "reviews": reviews,
        "finished": reviews - len(pending),
        "statuses": statuses,
        "wall_s": round(wall, 1),
        "reviews_per_min": round((reviews - len(pending)) / wall * 60, 1),
        "review_p50_s": round(pct(durations, 0.5), 2) if durations else None,
        "findings_per_review": sample,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--reviews", type=int, default=40)
    parser.add_argument("--modes", default="accept,inprocess,celery")
    parser.add_argument("--scanners", default=None, help="REVIEWER_SCANNERS (default: the full default set)")
    parser.add_argument("--api-workers", type=int, default=2, help="uvicorn processes (Celery executor)")
    parser.add_argument("--keep", type=Path, default=None, help="keep server logs and databases here")
    parser.add_argument("--database-url", default=None, help="PostgreSQL base URL (a fresh schema is made)")
    args = parser.parse_args(argv)
    from review_latency import build_change

    modes = set(args.modes.split(","))
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(work / "change", ignore_errors=True)
        (work / "change").mkdir()
        body = build_change(work / "change").read_bytes()
        added = sum(
            1 for line in body.decode().splitlines() if line.startswith("+") and not line.startswith("+++")
        )
        results["change"] = {"bytes": len(body), "added_lines": added, "files": body.count(b"diff --git")}
        db, scanners = args.database_url, args.scanners

        def accept(key: str, executor: str, api_workers: int, concurrency: int) -> None:
            with service(work / key, executor, 0, db, scanners, api_workers) as (base, token):
                results[key] = asyncio.run(accept_latency(base, token, body, args.requests, concurrency))
            print(key, json.dumps(results[key]), file=sys.stderr, flush=True)

        if "accept" in modes:
            accept("accept_queue_only_1_client", "celery", 1, 1)
            accept("accept_queue_only_1_api_process", "celery", 1, args.concurrency)
            accept(
                f"accept_queue_only_{args.api_workers}_api_processes",
                "celery",
                args.api_workers,
                args.concurrency,
            )
            accept("accept_inprocess_executor", "inprocess", 1, args.concurrency)
        if "inprocess" in modes:
            with service(work / "inproc", "inprocess", 0, db, scanners) as (base, token):
                results["throughput_inprocess_2_threads"] = throughput(base, token, body, args.reviews)
            print(
                "inprocess",
                json.dumps(results["throughput_inprocess_2_threads"]),
                file=sys.stderr,
                flush=True,
            )
        if "celery" in modes:
            with service(work / "celery", "celery", 2, db, scanners) as (base, token):
                results["throughput_celery_2_worker_processes"] = throughput(base, token, body, args.reviews)
    load = os.getloadavg()
    results["machine"] = {
        "cpus": os.cpu_count(),
        "load_avg_1m_at_end": round(load[0], 1),
        "database": "postgresql" if args.database_url else "sqlite",
    }
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
