"""Login view that sends the user back to the page they came from."""
import os

from flask import Flask, flash, redirect, render_template, request, url_for
from flask_login import LoginManager, login_user

from accounts import authenticate

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]
login_manager = LoginManager(app)


@app.route("/login", methods=["GET", "POST"])
def login():
    """Authenticate and redirect to ?next= (defaults to the dashboard)."""
    next_url = request.args.get("next") or url_for("dashboard")
    if request.method == "POST":
        user = authenticate(request.form["email"], request.form["password"])
        if user is None:
            flash("Invalid email or password")
            return render_template("login.html", next=next_url), 401
        login_user(user, remember=request.form.get("remember") == "on")
        return redirect(next_url)
    return render_template("login.html", next=next_url)


@app.route("/dashboard")
def dashboard():
    return render_template("dashboard.html")
