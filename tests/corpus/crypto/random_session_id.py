import random

from flask import Flask, make_response

app = Flask(__name__)


@app.route("/start")
def start():
    session_id = str(random.randint(10**15, 10**16))
    resp = make_response("ok")
    resp.set_cookie("sid", session_id, secure=True, httponly=True)
    return resp
