"""Marketing email preview tool."""
import os
import re

from flask import Flask, render_template_string, request
from flask_login import current_user, login_required
from markupsafe import Markup, escape

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]

LAYOUT = """
<html><body style="font-family: sans-serif">
<div class="header">ACME Newsletter</div>
<div class="content">{{ content }}</div>
<div class="footer">You are receiving this because you subscribed.</div>
</body></html>
"""
MERGE_FIELD_RE = re.compile(r"\[\[\s*(first_name|unsubscribe_url)\s*\]\]")


def fill_merge_fields(text, values):
    """Replace [[field]] placeholders with escaped sample values."""
    escaped = str(escape(text))
    return Markup(MERGE_FIELD_RE.sub(lambda m: str(escape(values[m.group(1)])), escaped))


@app.post("/campaigns/preview")
@login_required
def preview_campaign():
    """Render the campaign body the marketer typed, with sample merge fields."""
    body = request.form.get("body", "")
    content = fill_merge_fields(
        body,
        {
            "first_name": current_user.first_name,
            "unsubscribe_url": "https://example.com/unsubscribe/sample",
        },
    )
    return render_template_string(LAYOUT, content=content)
