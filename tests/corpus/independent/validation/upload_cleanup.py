"""Endpoint that lets users delete their own uploaded attachments."""
import os

from flask import Flask, flash, redirect, request, url_for
from flask_login import current_user, login_required

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]
UPLOAD_ROOT = "/srv/uploads"


def user_upload_dir(user_id):
    return os.path.join(UPLOAD_ROOT, str(user_id))


@app.post("/attachments/delete")
@login_required
def delete_attachment():
    """Remove an attachment from the current user's upload folder."""
    name = request.form.get("filename", "")
    target = os.path.join(user_upload_dir(current_user.id), name)
    if os.path.exists(target):
        os.remove(target)
        flash(f"Deleted {name}")
    else:
        flash("File not found")
    return redirect(url_for("attachments"))


@app.get("/attachments")
@login_required
def attachments():
    files = os.listdir(user_upload_dir(current_user.id))
    return {"files": files}
