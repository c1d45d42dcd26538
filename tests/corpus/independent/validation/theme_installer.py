"""Install uploaded theme packages (zip archives) into the themes folder."""
import os
import zipfile

from flask import Flask, jsonify, request
from flask_login import login_required

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]
THEMES_DIR = "/srv/site/themes"


def install_theme(archive, theme_name):
    """Unpack every entry of the archive under THEMES_DIR/<theme_name>."""
    dest = os.path.join(THEMES_DIR, theme_name)
    os.makedirs(dest, exist_ok=True)
    installed = []
    with zipfile.ZipFile(archive) as zf:
        for member in zf.infolist():
            if member.is_dir():
                continue
            out_path = os.path.join(dest, member.filename)
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
    theme_name = os.path.splitext(os.path.basename(upload.filename))[0]
    files = install_theme(upload.stream, theme_name)
    return jsonify(theme=theme_name, files=len(files))
