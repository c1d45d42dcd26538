"""Helpers and routes for rendering user profile badges."""
import os

from flask import Flask, render_template, request
from markupsafe import Markup, escape

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]

BADGE_COLORS = {"gold": "#d4af37", "silver": "#c0c0c0", "bronze": "#cd7f32"}


def render_badge(display_name, tier):
    """Build the small inline badge shown next to forum posts."""
    color = BADGE_COLORS.get(tier, "#999999")
    return Markup('<span class="badge" style="background:{}">{} &middot; {}</span>').format(
        color, display_name, tier.title()
    )


@app.route("/profile/preview")
def preview_badge():
    """Live preview used by the profile settings form."""
    name = request.args.get("display_name", "Anonymous")
    tier = request.args.get("tier", "bronze")
    if tier not in BADGE_COLORS:
        tier = "bronze"
    return render_template("badge_preview.html", badge=render_badge(escape(name), tier))
