import psycopg2
from flask import Flask, request, jsonify, abort

app = Flask(__name__)
conn = psycopg2.connect(dbname="shop", user="shop")
ALLOWED_SORT = {"price": "price", "title": "title", "newest": "created_at"}


@app.route("/products/<category>")
def products_by_category(category):
    sort = ALLOWED_SORT.get(request.args.get("sort", "price"))
    if sort is None:
        abort(400)
    cur = conn.cursor()
    sql = "SELECT id, title, price FROM products WHERE category = %s ORDER BY " + sort
    cur.execute(sql, (category,))
    return jsonify(cur.fetchall())
