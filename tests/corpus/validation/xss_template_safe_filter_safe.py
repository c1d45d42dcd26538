import bleach
from flask import Flask, render_template_string, request

app = Flask(__name__)

PROFILE = """
<div class="profile">
  <h1>{{ name }}</h1>
  <div class="bio">{{ bio|safe }}</div>
</div>
"""
ALLOWED_TAGS = ["b", "i", "em", "strong", "a", "p", "br"]


@app.route("/profile/preview", methods=["POST"])
def preview_profile():
    name = request.form.get("name", "")
    bio = bleach.clean(request.form.get("bio", ""), tags=ALLOWED_TAGS, strip=True)
    return render_template_string(PROFILE, name=name, bio=bio)
