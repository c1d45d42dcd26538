import psycopg2
from flask import Flask, request, jsonify

app = Flask(__name__)
conn = psycopg2.connect(dbname="shop", user="shop")


@app.route("/products/<category>")
def products_by_category(category):
    sort = request.args.get("sort", "price")
    cur = conn.cursor()
    sql = "SELECT id, title, price FROM products WHERE category = '" + category + "' ORDER BY " + sort
    cur.execute(sql)
    return jsonify(cur.fetchall())
