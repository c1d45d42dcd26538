"""Expose the tail of application logs from the app servers over SSH."""
import os
import shlex

import paramiko
from flask import Flask, abort, jsonify
from flask_login import login_required

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]

SSH_HOST = os.environ.get("LOG_HOST", "app01.internal")
SSH_USER = os.environ.get("LOG_USER", "deploy")
SSH_KEY_PATH = os.environ.get("LOG_SSH_KEY", "/etc/logviewer/id_ed25519")
KNOWN_SERVICES = {"api", "worker", "scheduler", "nginx"}


def ssh_client():
    client = paramiko.SSHClient()
    client.load_system_host_keys()
    client.set_missing_host_key_policy(paramiko.RejectPolicy())
    client.connect(SSH_HOST, username=SSH_USER, key_filename=SSH_KEY_PATH, timeout=10)
    return client


@app.get("/logs/<service>/<int:lines>")
@login_required
def tail_service_log(service, lines):
    """Return the last N lines of /var/log/<service>.log on the log host."""
    if service not in KNOWN_SERVICES:
        abort(404)
    lines = max(1, min(lines, 2000))
    command = "tail -n {} {}".format(lines, shlex.quote(f"/var/log/{service}.log"))
    client = ssh_client()
    try:
        _, stdout, _ = client.exec_command(command)
        output = stdout.read().decode("utf-8", errors="replace")
    finally:
        client.close()
    return jsonify(service=service, lines=output.splitlines())
