import json

from flask import Flask, request

app = Flask(__name__)


@app.route("/session/restore", methods=["POST"])
def restore_session():
    state = json.loads(request.form["state"])
    if not isinstance(state, dict):
        return {"error": "bad state"}, 400
    return {"restored": list(state.keys())}
