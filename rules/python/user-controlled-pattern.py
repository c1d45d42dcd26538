import re

from flask import Flask, request

app = Flask(__name__)


@app.route("/search")
def search():
    # ruleid: python.regex-injection.pattern
    pattern = re.compile(request.args["q"])
    return str(bool(pattern.search("text")))


@app.route("/search2")
def search_escaped():
    # ok: python.regex-injection.pattern
    pattern = re.compile(re.escape(request.args["q"]))
    return str(bool(pattern.search("text")))


@app.route("/greet")
def greet():
    template = request.args.get("template", "Hello {user.name}")
    # ruleid: python.format-string.user-template
    return template.format(user=current_user)


@app.route("/greet2")
def greet_fixed():
    name = request.args.get("name", "")
    # ok: python.format-string.user-template
    return "Hello {}".format(name)
