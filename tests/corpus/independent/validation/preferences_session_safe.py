"""Account preferences page."""
import os

from flask import Flask, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]

THEMES = {"light", "dark", "high-contrast"}
LANGUAGES = {"en", "de", "fr", "es"}


@app.route("/preferences", methods=["GET", "POST"])
@login_required
def preferences():
    """Save display preferences into the session."""
    if request.method == "POST":
        theme = request.form.get("theme", "light")
        language = request.form.get("language", "en")
        session["theme"] = theme if theme in THEMES else "light"
        session["language"] = language if language in LANGUAGES else "en"
        return redirect(url_for("preferences"))
    return render_template("preferences.html", prefs=dict(session))


@app.route("/admin/users")
@login_required
def admin_users():
    if current_user.role != "admin":
        return "Forbidden", 403
    return render_template("admin_users.html")
