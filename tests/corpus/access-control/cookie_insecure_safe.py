from flask import Flask, make_response, request

from .auth import create_session

app = Flask(__name__)


@app.route("/login", methods=["POST"])
def login():
    sid = create_session(request.form["username"], request.form["password"])
    resp = make_response("logged in")
    resp.set_cookie("session_id", sid, secure=True, httponly=True, samesite="Lax")
    return resp
