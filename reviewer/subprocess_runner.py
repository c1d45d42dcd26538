"""The one subprocess wrapper: every external tool (git, semgrep, bandit...) runs through ``run``.

It enforces a wall-clock timeout and a cap on captured output, kills the whole process group on
either, and raises errors that carry the command, return code and the tail of stderr, so callers
never see a hung child or an unbounded buffer.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import threading
import time
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from reviewer.errors import ScannerError

_STDERR_TAIL = 4000
_CHUNK = 64 * 1024


class ToolError(ScannerError):
    """An external command failed: non-accepted exit code, too much output, or not runnable."""

    def __init__(
        self, message: str, *, cmd: Sequence[str], returncode: int | None = None, stderr: str = ""
    ) -> None:
        super().__init__(message)
        self.cmd = tuple(cmd)
        self.returncode = returncode
        self.stderr = stderr


class ToolTimeout(ToolError):
    """An external command ran past its timeout and was killed."""


class OutputTooLarge(ToolError):
    """An external command wrote more than ``max_output`` bytes and was killed."""


@dataclass(frozen=True)
class Completed:
    """A finished command. ``stdout``/``stderr`` are raw bytes: callers decide how to decode."""

    cmd: tuple[str, ...]
    returncode: int
    stdout: bytes
    stderr: bytes
    duration_s: float

    def stderr_text(self) -> str:
        return _tail(self.stderr)


def _tail(data: bytes) -> str:
    text = data.decode("utf-8", "replace").strip()
    return text if len(text) <= _STDERR_TAIL else "…" + text[-_STDERR_TAIL:]


class _Reader(threading.Thread):
    """Drains one pipe into memory up to ``cap`` bytes; flags when the cap is exceeded."""

    def __init__(self, pipe: IO[bytes], cap: int, on_overflow: threading.Event) -> None:
        super().__init__(daemon=True)
        self._pipe = pipe
        self._cap = cap
        self._overflow = on_overflow
        self.chunks: list[bytes] = []
        self.size = 0

    def run(self) -> None:
        while True:
            chunk = self._pipe.read1(_CHUNK) if hasattr(self._pipe, "read1") else self._pipe.read(_CHUNK)
            if not chunk:
                return
            self.size += len(chunk)
            if self.size > self._cap:
                self._overflow.set()
                return
            self.chunks.append(chunk)

    def data(self) -> bytes:
        return b"".join(self.chunks)


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError):
        proc.kill()


def _feed(proc: subprocess.Popen[bytes], data: bytes) -> None:
    assert proc.stdin is not None
    try:
        proc.stdin.write(data)
    except (BrokenPipeError, OSError):
        pass  # the child stopped reading; its exit code tells the story
    finally:
        with contextlib.suppress(OSError):
            proc.stdin.close()


def run(
    cmd: Sequence[str],
    *,
    timeout: float,
    max_output: int = 50 * 1024 * 1024,
    cwd: str | Path | None = None,
    env: Mapping[str, str] | None = None,
    input: bytes | None = None,
    ok_codes: Collection[int] | None = (0,),
) -> Completed:
    """Run ``cmd`` (never through a shell) and return its result.

    ``env`` entries are added to the inherited environment. ``ok_codes=None`` accepts any exit
    code (for tools such as semgrep and bandit that exit 1 on findings: parse first, judge after).
    Raises ``ToolTimeout`` past ``timeout`` seconds, ``ToolError`` when the command cannot start,
    when stdout or stderr exceeds ``max_output`` bytes, or when the exit code is not accepted.
    """
    argv = [str(part) for part in cmd]
    full_env = None if env is None else {**os.environ, **env}
    started = time.monotonic()
    try:
        proc = subprocess.Popen(
            argv,
            cwd=cwd,
            env=full_env,
            stdin=subprocess.PIPE if input is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,  # so a timeout can kill the tool's own children too
        )
    except OSError as exc:
        raise ToolError(f"cannot run {argv[0]}: {exc.strerror or exc}", cmd=argv) from exc

    overflow = threading.Event()
    assert proc.stdout is not None and proc.stderr is not None
    readers = [_Reader(proc.stdout, max_output, overflow), _Reader(proc.stderr, max_output, overflow)]
    for reader in readers:
        reader.start()
    writer = None
    if input is not None:
        writer = threading.Thread(target=_feed, args=(proc, input), daemon=True)
        writer.start()

    deadline = started + timeout
    timed_out = False
    while True:
        try:
            proc.wait(timeout=min(0.05, max(0.0, deadline - time.monotonic())))
            break
        except subprocess.TimeoutExpired:
            if overflow.is_set():
                break
            if time.monotonic() >= deadline:
                timed_out = True
                break
    if timed_out or overflow.is_set():
        _kill_group(proc)
        proc.wait()
    for reader in readers:
        reader.join(timeout=5)
    if writer is not None:
        writer.join(timeout=5)
    proc.stdout.close()
    proc.stderr.close()
    duration = time.monotonic() - started
    stdout, stderr = readers[0].data(), readers[1].data()

    if timed_out:
        raise ToolTimeout(
            f"{Path(argv[0]).name} timed out after {timeout:.0f}s", cmd=argv, stderr=_tail(stderr)
        )
    if overflow.is_set():
        raise OutputTooLarge(
            f"{Path(argv[0]).name} produced more than {max_output} bytes of output",
            cmd=argv,
            returncode=proc.returncode,
            stderr=_tail(stderr),
        )
    if ok_codes is not None and proc.returncode not in ok_codes:
        tail = _tail(stderr)
        raise ToolError(
            f"{Path(argv[0]).name} exited with code {proc.returncode}" + (f": {tail}" if tail else ""),
            cmd=argv,
            returncode=proc.returncode,
            stderr=tail,
        )
    return Completed(tuple(argv), proc.returncode, stdout, stderr, duration)
