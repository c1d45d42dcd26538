"""Shareable e-card page: /card?to=Sam&from=Alex&msg=Happy+birthday"""
from flask import Blueprint, render_template_string, request

cards_bp = Blueprint("cards", __name__)

CARD_LAYOUT = """
{% extends "base.html" %}
{% block content %}
<div class="card card--{{ theme }}">
  <h1>Dear {{ recipient }},</h1>
  <p class="card__message">{{ message }}</p>
  <p class="card__sender">&mdash; {{ sender }}</p>
</div>
{% endblock %}
"""


@cards_bp.route("/card")
def show_card():
    """Render a greeting card from the query string."""
    fields = {
        "recipient": request.args.get("to", "friend"),
        "sender": request.args.get("from", "someone"),
        "message": request.args.get("msg", "Thinking of you!"),
    }
    theme = request.args.get("theme", "classic")
    if theme not in {"classic", "party", "floral"}:
        theme = "classic"
    return render_template_string(CARD_LAYOUT, theme=theme, **fields)
