import sqlite3

from flask import Flask, jsonify, request, session

app = Flask(__name__)


def login_required(f):
    def wrapper(*a, **kw):
        if "uid" not in session:
            return jsonify(error="login required"), 401
        return f(*a, **kw)
    wrapper.__name__ = f.__name__
    return wrapper


@app.route("/messages/view")
@login_required
def view_message():
    message_id = request.args.get("message_id")
    conn = sqlite3.connect("chat.db")
    row = conn.execute("SELECT sender, body FROM messages WHERE id = ?", (message_id,)).fetchone()
    return jsonify(sender=row[0], body=row[1])
