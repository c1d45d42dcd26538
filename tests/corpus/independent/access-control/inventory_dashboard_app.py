"""Inventory dashboard - Flask entry point."""
import os

from flask import Flask, jsonify, render_template

from inventory.db import init_db, low_stock_items, stock_summary

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", "sqlite:///inventory.db")
init_db(app)


@app.route("/")
def index():
    return render_template("dashboard.html", summary=stock_summary())


@app.route("/api/low-stock")
def api_low_stock():
    threshold = 5
    return jsonify(items=[item.to_dict() for item in low_stock_items(threshold)])


@app.errorhandler(404)
def not_found(err):
    return jsonify(error="not found"), 404


if __name__ == "__main__":
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", 8000)), debug=True)
