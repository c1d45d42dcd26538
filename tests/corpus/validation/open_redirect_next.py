from flask import Flask, redirect, request, session

app = Flask(__name__)


@app.route("/auth/done")
def after_login():
    session["seen_welcome"] = True
    next_url = request.args.get("next", "/")
    return redirect(next_url)
