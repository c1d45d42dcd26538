"""Dashboard home with a personalised welcome banner."""
from flask import Blueprint, render_template, request
from flask_login import current_user, login_required
from markupsafe import Markup

home_bp = Blueprint("home", __name__)


def welcome_banner():
    """Greeting shown above the dashboard; uses the name the user chose on the landing page."""
    display_name = request.cookies.get("display_name") or current_user.first_name
    return Markup(f"Welcome back, <strong>{display_name}</strong>!")


@home_bp.route("/dashboard")
@login_required
def dashboard():
    return render_template(
        "dashboard.html",
        banner=welcome_banner(),
        projects=current_user.projects.order_by("updated_at").limit(10).all(),
    )
