"""Small network diagnostics API used by the ops dashboard."""
import subprocess

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.post("/api/diagnostics/ping")
def ping_host():
    """Ping a host a few times and return the raw output."""
    payload = request.get_json(silent=True) or {}
    host = payload.get("host", "")
    count = int(payload.get("count", 3))
    if not host:
        return jsonify(error="host is required"), 400

    result = subprocess.run(
        "ping -c %d %s" % (count, host),
        shell=True,
        capture_output=True,
        text=True,
        timeout=30,
    )
    return jsonify(
        host=host,
        returncode=result.returncode,
        output=result.stdout.splitlines(),
    )
