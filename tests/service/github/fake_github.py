"""A real HTTP server on loopback speaking the subset of GitHub's REST API the integration uses.

It records every request, validates what GitHub would validate (auth, annotation batch size,
required output fields) and can be told to fail: ``fail(method, pattern, status, times,
headers)`` answers the next ``times`` matching requests with ``status`` (502, 403 secondary
rate limit with retry-after, 429, 401...). It runs in a thread of the test process.
"""

from __future__ import annotations

import itertools
import json
import re
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import jwt


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes
    status: int = 0

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


@dataclass
class Failure:
    method: str
    pattern: re.Pattern[str]
    status: int
    times: int
    headers: dict[str, str]
    body: dict[str, Any]
    delay_s: float = 0.0


@dataclass
class PullRequestState:
    number: int
    head_sha: str
    base_sha: str
    diff: str
    files: dict[str, bytes]  # post-images at head_sha
    listing: list[dict[str, Any]] = field(default_factory=list)  # /pulls/{n}/files
    diff_too_large: bool = False
    tree: list[str] | None = None  # every file path at head_sha (default: the keys of ``files``)


@dataclass
class RepoState:
    pulls: dict[int, PullRequestState] = field(default_factory=dict)
    check_runs: dict[int, dict[str, Any]] = field(default_factory=dict)
    comments: dict[int, dict[str, Any]] = field(default_factory=dict)  # id -> comment (+ issue number)


class FakeGitHub:
    """Start with ``start()``; ``url`` is the API base; ``stop()`` shuts it down."""

    def __init__(
        self, *, app_id: str = "4242", public_key: str | None = None, pat: str | None = None
    ) -> None:
        self.app_id = app_id
        self.public_key = public_key
        self.pat = pat
        self.repos: dict[str, RepoState] = {}
        self.requests: list[Recorded] = []
        self.failures: list[Failure] = []
        self.stalls: list[tuple[str, re.Pattern[str], float]] = []
        self.valid_tokens: set[str] = set()
        self.tokens_issued: list[str] = []
        self.token_lifetime_s = 3600
        self._ids = itertools.count(1000)
        self._lock = threading.RLock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------

    def start(self) -> FakeGitHub:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def _handle(self) -> None:
                fake._dispatch(self)

            do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _handle

        class Server(ThreadingHTTPServer):
            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # a client hanging up mid-answer (size caps do that) is not an error here

        self._server = Server(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    # -- test controls ---------------------------------------------------------------

    def add_pull(self, full_name: str, pr: PullRequestState) -> None:
        with self._lock:
            self.repos.setdefault(full_name, RepoState()).pulls[pr.number] = pr

    def repo(self, full_name: str) -> RepoState:
        return self.repos.setdefault(full_name, RepoState())

    def fail(
        self,
        method: str,
        pattern: str,
        status: int,
        *,
        times: int = 1,
        headers: dict[str, str] | None = None,
        body: dict[str, Any] | None = None,
        delay_s: float = 0.0,
    ) -> None:
        """Answer the next ``times`` matching requests with ``status`` (after ``delay_s``)."""
        with self._lock:
            self.failures.append(
                Failure(
                    method.upper(), re.compile(pattern), status, times, headers or {}, body or {}, delay_s
                )
            )

    def stall(self, method: str, pattern: str, seconds: float) -> None:
        """Hold the next matching request for ``seconds``, then answer it normally."""
        with self._lock:
            self.stalls.append((method.upper(), re.compile(pattern), seconds))

    def expire_tokens(self) -> None:
        """Every installation token issued so far stops working (GitHub answers 401)."""
        with self._lock:
            self.valid_tokens.clear()

    def calls(self, method: str, pattern: str) -> list[Recorded]:
        rx = re.compile(pattern)
        with self._lock:
            return [r for r in self.requests if r.method == method and rx.search(r.path)]

    def add_token(self, token: str) -> None:
        with self._lock:
            self.valid_tokens.add(token)

    # -- HTTP ------------------------------------------------------------------------

    def _dispatch(self, h: BaseHTTPRequestHandler) -> None:
        split = urlsplit(h.path)
        length = int(h.headers.get("Content-Length") or 0)
        body = h.rfile.read(length) if length else b""
        rec = Recorded(h.command, unquote(split.path), parse_qs(split.query), dict(h.headers.items()), body)
        with self._lock:
            self.requests.append(rec)
            failure = next(
                (
                    f
                    for f in self.failures
                    if f.times > 0 and f.method == h.command and f.pattern.search(rec.path)
                ),
                None,
            )
            if failure is not None:
                failure.times -= 1
            stall = next((x for x in self.stalls if x[0] == h.command and x[1].search(rec.path)), None)
            if stall is not None:
                self.stalls.remove(stall)
        if stall is not None:
            time.sleep(stall[2])
        if failure is not None:
            if failure.delay_s:
                time.sleep(failure.delay_s)
            self._send(
                h, rec, failure.status, failure.body or {"message": "programmed failure"}, failure.headers
            )
            return
        try:
            status, payload, headers = self._route(rec)
        except Exception as exc:  # a bug in the fake shows up as a 500 the test will see
            status, payload, headers = 500, {"message": f"fake github error: {exc!r}"}, {}
        self._send(h, rec, status, payload, headers)

    def _send(
        self, h: BaseHTTPRequestHandler, rec: Recorded, status: int, payload: Any, headers: dict[str, str]
    ) -> None:
        rec.status = status
        if isinstance(payload, bytes):
            data = payload
            ctype = headers.pop("Content-Type", "application/octet-stream")
        else:
            data = json.dumps(payload).encode()
            ctype = "application/json; charset=utf-8"
        h.send_response(status)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(len(data)))
        for k, v in headers.items():
            h.send_header(k, v)
        h.end_headers()
        h.wfile.write(data)

    def _auth(self, rec: Recorded, *, app: bool) -> bool:
        auth = rec.headers.get("Authorization", "")
        if not auth.startswith("Bearer "):
            return False
        token = auth[len("Bearer ") :]
        if app:
            try:
                claims = jwt.decode(token, self.public_key, algorithms=["RS256"])
            except jwt.PyJWTError:
                return False
            return claims.get("iss") == self.app_id
        with self._lock:
            return token in self.valid_tokens or (self.pat is not None and token == self.pat)

    def _route(self, rec: Recorded) -> tuple[int, Any, dict[str, str]]:
        m, p = rec.method, rec.path
        if match := re.fullmatch(r"/app/installations/(\d+)/access_tokens", p):
            if m != "POST":
                return 404, {"message": "Not Found"}, {}
            if not self._auth(rec, app=True):
                return 401, {"message": "A JSON web token could not be decoded"}, {}
            token = "ghs_" + secrets.token_hex(16)
            with self._lock:
                self.valid_tokens.add(token)
                self.tokens_issued.append(token)
            expires = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + self.token_lifetime_s))
            return 201, {"token": token, "expires_at": expires}, {}
        if not self._auth(rec, app=False):
            return 401, {"message": "Bad credentials"}, {}
        match = re.fullmatch(r"/repos/([^/]+/[^/]+)(/.*)", p)
        if not match:
            return 404, {"message": "Not Found"}, {}
        repo = self.repo(match.group(1))
        rest = match.group(2)
        accept = rec.headers.get("Accept", "")
        if m == "GET" and (mm := re.fullmatch(r"/pulls/(\d+)", rest)):
            pr = repo.pulls.get(int(mm.group(1)))
            if pr is None:
                return 404, {"message": "Not Found"}, {}
            if "diff" in accept:
                if pr.diff_too_large:
                    return (
                        406,
                        {
                            "message": "Sorry, the diff exceeded the maximum number of files (300).",
                            "errors": [{"resource": "PullRequest", "field": "diff", "code": "too_large"}],
                        },
                        {},
                    )
                return 200, pr.diff.encode(), {"Content-Type": "text/plain; charset=utf-8"}
            return (
                200,
                {
                    "number": pr.number,
                    "state": "open",
                    "head": {"sha": pr.head_sha},
                    "base": {"sha": pr.base_sha},
                },
                {},
            )
        if m == "GET" and (mm := re.fullmatch(r"/pulls/(\d+)/files", rest)):
            pr = repo.pulls[int(mm.group(1))]
            return 200, pr.listing, {}
        if m == "GET" and (mm := re.fullmatch(r"/contents/(.+)", rest)):
            ref = rec.query.get("ref", [""])[0]
            for pr in repo.pulls.values():
                if pr.head_sha == ref and mm.group(1) in pr.files:
                    if "raw" not in accept:
                        return 415, {"message": "the fake only serves raw contents"}, {}
                    return 200, pr.files[mm.group(1)], {"Content-Type": "application/octet-stream"}
            return 404, {"message": "Not Found"}, {}
        if m == "GET" and (mm := re.fullmatch(r"/git/trees/([0-9a-f]+)", rest)):
            for pr in repo.pulls.values():
                if pr.head_sha == mm.group(1):
                    paths = pr.tree if pr.tree is not None else sorted(pr.files)
                    entries = [{"path": path, "type": "blob", "mode": "100644"} for path in paths]
                    dirs = sorted(
                        {"/".join(x.split("/")[:i]) for x in paths for i in range(1, x.count("/") + 1)}
                    )
                    if rec.query.get("recursive", [""])[0]:
                        entries += [{"path": d, "type": "tree", "mode": "040000"} for d in dirs]
                    return 200, {"sha": pr.head_sha, "tree": entries, "truncated": False}, {}
            return 404, {"message": "Not Found"}, {}
        if m == "GET" and (mm := re.fullmatch(r"/commits/([0-9a-f]+)/check-runs", rest)):
            name = rec.query.get("check_name", [None])[0]
            runs = [
                r
                for r in repo.check_runs.values()
                if r["head_sha"] == mm.group(1) and (name is None or r["name"] == name)
            ]
            return 200, {"total_count": len(runs), "check_runs": [self._public_run(r) for r in runs]}, {}
        if m == "POST" and rest == "/check-runs":
            return self._create_check_run(repo, rec.json())
        if m == "PATCH" and (mm := re.fullmatch(r"/check-runs/(\d+)", rest)):
            return self._update_check_run(repo, int(mm.group(1)), rec.json())
        if mm := re.fullmatch(r"/issues/(\d+)/comments", rest):
            number = int(mm.group(1))
            if m == "GET":
                return self._list_comments(repo, number, rec)
            if m == "POST":
                body = rec.json()
                cid = next(self._ids)
                comment = {
                    "id": cid,
                    "body": body["body"],
                    "issue": number,
                    "user": {"login": "reviewer[bot]"},
                }
                repo.comments[cid] = comment
                return 201, comment, {}
        if m == "PATCH" and (mm := re.fullmatch(r"/issues/comments/(\d+)", rest)):
            comment = repo.comments.get(int(mm.group(1)))
            if comment is None:
                return 404, {"message": "Not Found"}, {}
            comment["body"] = rec.json()["body"]
            return 200, comment, {}
        return 404, {"message": "Not Found"}, {}

    @staticmethod
    def _public_run(run: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in run.items() if k != "annotations"}

    def _create_check_run(self, repo: RepoState, body: dict[str, Any]) -> tuple[int, Any, dict[str, str]]:
        if not body.get("name") or not body.get("head_sha"):
            return 422, {"message": "Invalid request", "errors": ["name and head_sha are required"]}, {}
        rid = next(self._ids)
        run = {
            "id": rid,
            "name": body["name"],
            "head_sha": body["head_sha"],
            "status": body.get("status", "queued"),
            "conclusion": None,
            "external_id": body.get("external_id", ""),
            "details_url": body.get("details_url"),
            "output": body.get("output", {}),
            "annotations": [],
        }
        repo.check_runs[rid] = run
        return 201, self._public_run(run), {}

    def _update_check_run(
        self, repo: RepoState, rid: int, body: dict[str, Any]
    ) -> tuple[int, Any, dict[str, str]]:
        run = repo.check_runs.get(rid)
        if run is None:
            return 404, {"message": "Not Found"}, {}
        output = body.get("output")
        if output is not None:
            if not output.get("title") or "summary" not in output:
                return 422, {"message": "output.title and output.summary are required"}, {}
            annotations = output.get("annotations", [])
            if len(annotations) > 50:
                return 422, {"message": "Only 50 annotations are allowed per request"}, {}
            for a in annotations:
                missing = {"path", "start_line", "end_line", "annotation_level", "message"} - set(a)
                if missing or a["annotation_level"] not in ("notice", "warning", "failure"):
                    return 422, {"message": f"invalid annotation: {sorted(missing)}"}, {}
            run["annotations"].extend(annotations)
            run["output"] = {k: v for k, v in output.items() if k != "annotations"}
        if "details_url" in body:
            run["details_url"] = body["details_url"]
        if body.get("status") == "completed":
            if body.get("conclusion") not in (
                "success",
                "failure",
                "neutral",
                "cancelled",
                "skipped",
                "timed_out",
                "action_required",
            ):
                return 422, {"message": "conclusion is required when completing"}, {}
            run["status"] = "completed"
            run["conclusion"] = body["conclusion"]
        elif "status" in body:
            run["status"] = body["status"]
        return 200, self._public_run(run), {}

    def _list_comments(self, repo: RepoState, number: int, rec: Recorded) -> tuple[int, Any, dict[str, str]]:
        comments = [c for c in repo.comments.values() if c["issue"] == number]
        per_page = int(rec.query.get("per_page", ["30"])[0])
        page = int(rec.query.get("page", ["1"])[0])
        chunk = comments[(page - 1) * per_page : page * per_page]
        headers = {}
        if page * per_page < len(comments):
            headers["Link"] = f'<{self.url}{rec.path}?per_page={per_page}&page={page + 1}>; rel="next"'
        return 200, chunk, headers
