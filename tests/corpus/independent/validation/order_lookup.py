"""Order lookup endpoint for the customer support dashboard."""
import os
import sqlite3

from flask import Flask, g, jsonify, request
from flask_login import LoginManager, login_required

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]
login_manager = LoginManager(app)
DATABASE = "orders.db"


def get_db():
    """Return a per-request SQLite connection."""
    if "db" not in g:
        g.db = sqlite3.connect(DATABASE)
        g.db.row_factory = sqlite3.Row
    return g.db


@app.teardown_appcontext
def close_db(exc):
    db = g.pop("db", None)
    if db is not None:
        db.close()


@app.route("/api/orders")
@login_required
def list_orders():
    """List orders for a customer email, newest first."""
    email = request.args.get("email", "")
    status = request.args.get("status", "open")
    db = get_db()
    rows = db.execute(
        f"SELECT id, total, status, created_at FROM orders "
        f"WHERE customer_email = '{email}' AND status = '{status}' "
        f"ORDER BY created_at DESC"
    ).fetchall()
    return jsonify([dict(row) for row in rows])
