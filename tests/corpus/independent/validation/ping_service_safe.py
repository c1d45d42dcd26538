"""Small network diagnostics API used by the ops dashboard."""
import ipaddress
import re
import subprocess

from flask import Flask, jsonify, request

app = Flask(__name__)

HOSTNAME_RE = re.compile(r"^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")


def is_valid_host(value):
    try:
        ipaddress.ip_address(value)
        return True
    except ValueError:
        return bool(HOSTNAME_RE.match(value))


@app.post("/api/diagnostics/ping")
def ping_host():
    """Ping a host a few times and return the raw output."""
    payload = request.get_json(silent=True) or {}
    host = payload.get("host", "")
    try:
        count = int(payload.get("count", 3))
    except (TypeError, ValueError):
        return jsonify(error="count must be an integer"), 400
    if not host or not is_valid_host(host):
        return jsonify(error="a valid host is required"), 400
    count = max(1, min(count, 10))

    result = subprocess.run(
        ["ping", "-c", str(count), "--", host],
        capture_output=True,
        text=True,
        timeout=30,
    )
    return jsonify(
        host=host,
        returncode=result.returncode,
        output=result.stdout.splitlines(),
    )
