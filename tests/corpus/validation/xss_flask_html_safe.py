from markupsafe import escape
from flask import Flask, request

app = Flask(__name__)


@app.route("/greet")
def greet():
    name = request.args.get("name", "stranger")
    return f"<h1>Hello, {escape(name)}!</h1><p>Welcome back.</p>"
