from urllib.parse import urlparse

from flask import Flask, redirect, request, session, url_for

app = Flask(__name__)


@app.route("/auth/done")
def after_login():
    session["seen_welcome"] = True
    next_url = request.args.get("next", "")
    if not next_url or urlparse(next_url).netloc or not next_url.startswith("/"):
        next_url = url_for("index")
    return redirect(next_url)
