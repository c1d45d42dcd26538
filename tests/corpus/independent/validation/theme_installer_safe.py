"""Install uploaded theme packages (zip archives) into the themes folder."""
import os
import zipfile

from flask import Flask, jsonify, request
from flask_login import login_required
from werkzeug.utils import secure_filename

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]
THEMES_DIR = "/srv/site/themes"


def install_theme(archive, theme_name):
    """Unpack every entry of the archive under THEMES_DIR/<theme_name>."""
    dest = os.path.realpath(os.path.join(THEMES_DIR, theme_name))
    os.makedirs(dest, exist_ok=True)
    installed = []
    with zipfile.ZipFile(archive) as zf:
        for member in zf.infolist():
            if member.is_dir():
                continue
            out_path = os.path.realpath(os.path.join(dest, member.filename))
            if os.path.commonpath([dest, out_path]) != dest:
                raise ValueError(f"archive entry escapes theme folder: {member.filename}")
            os.makedirs(os.path.dirname(out_path), exist_ok=True)
            with zf.open(member) as src, open(out_path, "wb") as dst:
                dst.write(src.read())
            installed.append(member.filename)
    return installed


@app.post("/admin/themes")
@login_required
def upload_theme():
    upload = request.files.get("package")
    if upload is None or not upload.filename.endswith(".zip"):
        return jsonify(error="please upload a .zip theme package"), 400
    theme_name = secure_filename(os.path.splitext(upload.filename)[0])
    if not theme_name:
        return jsonify(error="invalid theme name"), 400
    try:
        files = install_theme(upload.stream, theme_name)
    except ValueError as exc:
        return jsonify(error=str(exc)), 400
    return jsonify(theme=theme_name, files=len(files))
