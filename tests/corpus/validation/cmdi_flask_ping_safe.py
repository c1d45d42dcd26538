import ipaddress
import subprocess

from flask import Flask, request, abort

app = Flask(__name__)


@app.route("/tools/ping", methods=["POST"])
def ping():
    host = request.form["host"]
    try:
        ipaddress.ip_address(host)
    except ValueError:
        abort(400, "host must be an IP address")
    output = subprocess.check_output(["ping", "-c", "3", host], text=True)
    return {"output": output}
