"""Network diagnostics page for the support console."""
import subprocess

from flask import Blueprint, jsonify, request
from flask_login import login_required

diagnostics_bp = Blueprint("diagnostics", __name__, url_prefix="/support/diagnostics")


@diagnostics_bp.route("/ping", methods=["POST"])
@login_required
def ping_host():
    """Ping a customer-supplied host and return the raw output."""
    host = request.form.get("host", "").strip()
    if not host:
        return jsonify({"error": "host is required"}), 400

    result = subprocess.run(
        f"ping -c 3 -W 2 {host}",
        shell=True,
        capture_output=True,
        text=True,
        timeout=15,
    )
    return jsonify(
        {
            "host": host,
            "exit_code": result.returncode,
            "output": result.stdout or result.stderr,
        }
    )
