import base64
import pickle

from flask import Flask, request

app = Flask(__name__)


@app.route("/session/restore", methods=["POST"])
def restore_session():
    data = base64.b64decode(request.form["state"])
    state = pickle.loads(data)
    return {"restored": list(state.keys())}
