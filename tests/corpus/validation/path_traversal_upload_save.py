import os

from flask import Flask, request

app = Flask(__name__)
UPLOAD_FOLDER = "uploads"


@app.route("/upload", methods=["POST"])
def upload():
    f = request.files["file"]
    f.save(os.path.join(UPLOAD_FOLDER, f.filename))
    return {"saved": f.filename}
