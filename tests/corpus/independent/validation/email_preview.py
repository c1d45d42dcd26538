"""Marketing email preview tool."""
import os

from flask import Flask, render_template_string, request
from flask_login import current_user, login_required

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]

LAYOUT = """
<html><body style="font-family: sans-serif">
<div class="header">ACME Newsletter</div>
<div class="content">{content}</div>
<div class="footer">You are receiving this because you subscribed.</div>
</body></html>
"""


@app.post("/campaigns/preview")
@login_required
def preview_campaign():
    """Render the campaign body the marketer typed, with sample merge fields."""
    body = request.form.get("body", "")
    template_source = LAYOUT.replace("{content}", body)
    return render_template_string(
        template_source,
        first_name=current_user.first_name,
        unsubscribe_url="https://example.com/unsubscribe/sample",
    )
