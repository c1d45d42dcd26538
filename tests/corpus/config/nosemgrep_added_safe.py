from flask import Flask, request
from markupsafe import escape

app = Flask(__name__)


@app.route("/echo")
def echo():
    return escape(request.args.get("msg", ""))  # type: ignore[no-any-return]
