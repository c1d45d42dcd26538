"""Remember-me login support for the members area."""
import os
import secrets
from datetime import datetime, timedelta, timezone

from flask import Flask, make_response, redirect, request, url_for
from flask_login import login_user

from members.auth import check_credentials
from members.tokens import store_remember_token

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]
REMEMBER_DAYS = 30


@app.post("/login")
def login():
    user = check_credentials(request.form["email"], request.form["password"])
    if user is None:
        return redirect(url_for("login_page", error="1"))
    login_user(user)
    response = make_response(redirect(url_for("members_home")))
    if request.form.get("remember_me"):
        token = secrets.token_urlsafe(32)
        expires = datetime.now(timezone.utc) + timedelta(days=REMEMBER_DAYS)
        store_remember_token(user.id, token, expires)
        response.set_cookie("remember_token", token, expires=expires)
    return response


@app.get("/login")
def login_page():
    return app.send_static_file("login.html")


@app.get("/members")
def members_home():
    return "Welcome back!"
