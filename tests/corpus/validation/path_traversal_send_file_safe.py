from flask import Flask, request, send_from_directory
from werkzeug.utils import secure_filename

app = Flask(__name__)
UPLOAD_DIR = "/srv/app/uploads"


@app.route("/download")
def download():
    filename = secure_filename(request.args.get("file", ""))
    return send_from_directory(UPLOAD_DIR, filename, as_attachment=True)
