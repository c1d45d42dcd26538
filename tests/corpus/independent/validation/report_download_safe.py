"""Routes for downloading generated PDF reports."""
import os

from flask import Flask, abort, send_from_directory
from flask_login import current_user, login_required
from werkzeug.utils import secure_filename

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]
REPORTS_DIR = "/var/app/reports"


@app.route("/reports")
@login_required
def list_reports():
    files = sorted(f for f in os.listdir(REPORTS_DIR) if f.endswith(".pdf"))
    return {"reports": files, "user": current_user.get_id()}


@app.route("/reports/<path:filename>")
@login_required
def download_report(filename):
    """Stream a generated report back to the browser."""
    safe_name = secure_filename(filename)
    if not safe_name or not safe_name.endswith(".pdf"):
        abort(404)
    return send_from_directory(REPORTS_DIR, safe_name, as_attachment=True)
