"""Endpoint that lets users delete their own uploaded attachments."""
import os
from pathlib import Path

from flask import Flask, flash, redirect, request, url_for
from flask_login import current_user, login_required

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]
UPLOAD_ROOT = Path("/srv/uploads")


def user_upload_dir(user_id):
    return (UPLOAD_ROOT / str(user_id)).resolve()


@app.post("/attachments/delete")
@login_required
def delete_attachment():
    """Remove an attachment from the current user's upload folder."""
    name = request.form.get("filename", "")
    base = user_upload_dir(current_user.id)
    target = (base / name).resolve()
    if not target.is_relative_to(base) or target == base:
        flash("Invalid file name")
        return redirect(url_for("attachments"))
    if target.is_file():
        target.unlink()
        flash(f"Deleted {target.name}")
    else:
        flash("File not found")
    return redirect(url_for("attachments"))


@app.get("/attachments")
@login_required
def attachments():
    files = os.listdir(user_upload_dir(current_user.id))
    return {"files": files}
