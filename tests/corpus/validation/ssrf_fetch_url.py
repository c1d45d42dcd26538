import requests
from flask import Flask, request, jsonify

app = Flask(__name__)


@app.route("/api/preview")
def link_preview():
    url = request.args.get("url")
    resp = requests.get(url, timeout=5)
    return jsonify({"status": resp.status_code, "length": len(resp.content)})
