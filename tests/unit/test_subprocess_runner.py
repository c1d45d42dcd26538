"""The one subprocess wrapper: timeouts, output caps, errors that carry cmd, code and stderr."""

from __future__ import annotations

import sys
import time

import pytest

from reviewer.errors import ScannerError
from reviewer.subprocess_runner import OutputTooLarge, ToolError, ToolTimeout, run

PY = sys.executable


def test_success_captures_bytes():
    done = run([PY, "-c", "import sys; print('out'); print('err', file=sys.stderr)"], timeout=30)
    assert done.returncode == 0
    assert done.stdout == b"out\n"
    assert done.stderr_text() == "err"


def test_input_is_fed():
    done = run([PY, "-c", "import sys; sys.stdout.write(sys.stdin.read().upper())"], timeout=30, input=b"abc")
    assert done.stdout == b"ABC"


def test_non_accepted_exit_code_raises_with_details():
    with pytest.raises(ToolError) as info:
        run([PY, "-c", "import sys; sys.stderr.write('boom'); sys.exit(3)"], timeout=30)
    err = info.value
    assert isinstance(err, ScannerError)
    assert err.returncode == 3 and err.stderr == "boom" and err.cmd[0] == PY
    assert "exited with code 3: boom" in str(err)


def test_ok_codes_none_accepts_any_exit_code():
    assert run([PY, "-c", "raise SystemExit(1)"], timeout=30, ok_codes=None).returncode == 1


def test_timeout_kills_the_process_group():
    started = time.monotonic()
    with pytest.raises(ToolTimeout, match="timed out after 1s"):
        run(
            [
                PY,
                "-c",
                "import subprocess, sys, time\n"
                "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
                "time.sleep(60)",
            ],
            timeout=1,
        )
    assert time.monotonic() - started < 15


def test_output_cap():
    with pytest.raises(OutputTooLarge, match="more than 1000 bytes"):
        run([PY, "-c", "print('x' * 100000)"], timeout=30, max_output=1000)


def test_missing_program():
    with pytest.raises(ToolError, match="cannot run"):
        run(["/nonexistent/tool"], timeout=5)


def test_env_is_added_to_the_inherited_environment():
    done = run(
        [PY, "-c", "import os; print(os.environ['REVIEWER_T'], 'PATH' in os.environ)"],
        timeout=30,
        env={"REVIEWER_T": "v"},
    )
    assert done.stdout.split() == [b"v", b"True"]
