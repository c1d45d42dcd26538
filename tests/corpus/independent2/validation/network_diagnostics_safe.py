"""Network diagnostics page for the support console."""
import re
import subprocess

from flask import Blueprint, jsonify, request
from flask_login import login_required

diagnostics_bp = Blueprint("diagnostics", __name__, url_prefix="/support/diagnostics")

HOSTNAME_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})$")


@diagnostics_bp.route("/ping", methods=["POST"])
@login_required
def ping_host():
    """Ping a customer-supplied host and return the raw output."""
    host = request.form.get("host", "").strip()
    if not host or not HOSTNAME_RE.match(host):
        return jsonify({"error": "a valid hostname or IP address is required"}), 400

    result = subprocess.run(
        ["ping", "-c", "3", "-W", "2", host],
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
