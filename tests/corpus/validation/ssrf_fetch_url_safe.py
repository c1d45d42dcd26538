from urllib.parse import urlparse

import requests
from flask import Flask, request, jsonify, abort

app = Flask(__name__)
ALLOWED_HOSTS = {"example.com", "docs.python.org"}


@app.route("/api/preview")
def link_preview():
    url = request.args.get("url", "")
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in ALLOWED_HOSTS:
        abort(400)
    resp = requests.get(f"https://{parsed.hostname}{parsed.path}", timeout=5)
    return jsonify({"status": resp.status_code, "length": len(resp.content)})
