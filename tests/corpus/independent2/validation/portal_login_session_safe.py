"""Sign-in for the combined customer / staff portal."""
from functools import wraps

from flask import Blueprint, abort, redirect, render_template, request, session, url_for
from werkzeug.security import check_password_hash

from .models import User

portal_bp = Blueprint("portal", __name__)


def role_required(*roles):
    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if session.get("role") not in roles:
                abort(403)
            return view(*args, **kwargs)
        return wrapped
    return decorator


@portal_bp.route("/signin", methods=["GET", "POST"])
def signin():
    if request.method == "GET":
        return render_template("portal/signin.html")

    user = User.query.filter_by(email=request.form.get("email", "").lower()).first()
    if user is None or not check_password_hash(user.password_hash, request.form.get("password", "")):
        return render_template("portal/signin.html", error="Invalid credentials"), 401

    session.clear()
    session["user_id"] = user.id
    session["role"] = user.role
    return redirect(url_for("portal.home"))


@portal_bp.route("/home")
def home():
    if "user_id" not in session:
        return redirect(url_for("portal.signin"))
    return render_template("portal/home.html", role=session["role"])


@portal_bp.route("/staff/refunds")
@role_required("staff", "admin")
def refund_queue():
    return render_template("portal/refunds.html")
