import sqlite3

import pandas as pd
from django.db import connection
from flask import Flask, request
from sqlalchemy import text

app = Flask(__name__)


@app.route("/user")
def user_by_name():
    name = request.args.get("name")
    cur = sqlite3.connect("app.db").cursor()
    # ruleid: python.sqli.query
    cur.execute("SELECT * FROM users WHERE name = '%s'" % name)
    return "ok"


@app.route("/user2")
def user_by_name_fstring():
    name = request.args["name"]
    cur = sqlite3.connect("app.db").cursor()
    # ruleid: python.sqli.query
    cur.execute(f"SELECT * FROM users WHERE name = '{name}'")


@app.route("/user3")
def user_by_name_safe():
    name = request.args.get("name")
    cur = sqlite3.connect("app.db").cursor()
    # ok: python.sqli.query
    cur.execute("SELECT * FROM users WHERE name = ?", (name,))


@app.route("/user4")
def user_by_id_cast():
    cur = sqlite3.connect("app.db").cursor()
    # ok: python.sqli.query
    cur.execute("SELECT * FROM users WHERE id = %d" % int(request.args.get("id")))


@app.route("/user5")
def user_by_id_cast_earlier():
    user_id = int(request.args.get("id"))
    cur = sqlite3.connect("app.db").cursor()
    # A cast assigned before the formatting sanitises the value.
    # ok: python.sqli.query
    cur.execute("SELECT * FROM users WHERE id = %d" % user_id)


def like_comment(self, comment_id, user_id):
    sql_text = "insert into comment_like values(%s,%s);" % (user_id, comment_id)
    # ruleid: python.sqli.query
    return self.db.insert_db(self.conn, sql_text)


def update_playlist(db, name, playlist_id):
    # ruleid: python.sqli.query
    db.execute("UPDATE playlist SET name='{name}' WHERE id={id};".format(name=name, id=playlist_id))


def update_playlist_safe(db, name, playlist_id):
    # ok: python.sqli.query
    db.execute("UPDATE playlist SET name=%s WHERE id=%s;", (name, playlist_id))


def report_match(cursor, winner, loser):
    query = "INSERT INTO plays (winner, loser) VALUES ('" + winner + "', '" + loser + "')"
    # ruleid: python.sqli.query
    cursor.execute(query)


def month(conn, job):
    # ruleid: python.sqli.query
    return pd.read_sql(f"SELECT * FROM jobs WHERE job_number={job}", conn)


def month_safe(conn, job):
    # ok: python.sqli.query
    return pd.read_sql("SELECT * FROM jobs WHERE job_number=?", conn, params=[job])


def poll_options(c, poll_name):
    # Only the table name is interpolated; the value is a parameter.
    req = "SELECT options FROM {} WHERE name = ?".format(CFG("poll_table_name"))
    # ok: python.sqli.query
    return c.execute(req, (poll_name,))


def count_rows(c, table):
    # ok: python.sqli.query
    return c.execute(f"SELECT count(*) FROM {table}")


def count_rows_where(c, table, owner):
    # ruleid: python.sqli.query
    return c.execute(f"SELECT count(*) FROM {table} WHERE owner = '{owner}'")


def log_query(logger, name):
    # ok: python.sqli.query
    logger.info("select from cache: %s" % name)


def django_view(request):
    term = request.GET.get("q")
    # ruleid: python.sqli.query
    return list(Person.objects.raw("SELECT * FROM person WHERE last_name = '" + term + "'"))


def django_view_safe(request):
    term = request.GET.get("q")
    # ok: python.sqli.query
    return list(Person.objects.raw("SELECT * FROM person WHERE last_name = %s", [term]))


@app.get("/items/{item}")
def fastapi_item(item: str, session=None):
    # ruleid: python.sqli.query
    session.execute(text("SELECT * FROM items WHERE name = '%s'" % item))


@app.get("/items2/{item}")
def fastapi_item_safe(item: str, session=None):
    # ok: python.sqli.query
    session.execute(text("SELECT * FROM items WHERE name = :name"), {"name": item})


def django_cursor(request):
    with connection.cursor() as cursor:
        # ruleid: python.sqli.query
        cursor.execute(request.POST["sql"])


@app.post("/search")
async def starlette_search(request):
    body = await request.json()
    # ruleid: python.sqli.query
    return session.execute(text("SELECT * FROM items WHERE name = '" + body["name"] + "'"))


ALLOWED_SORT = {"price": "price", "newest": "created_at"}


@app.route("/products/<category>")
def products_sorted(category):
    sort = ALLOWED_SORT.get(request.args.get("sort", "price"))
    cur = sqlite3.connect("app.db").cursor()
    sql = "SELECT id, title FROM products WHERE category = %s ORDER BY " + sort
    # ok: python.sqli.query
    cur.execute(sql, (category,))


@app.route("/products2")
def products_sorted_raw():
    sort = request.args.get("sort", "price")
    cur = sqlite3.connect("app.db").cursor()
    sql = "SELECT id, title FROM products WHERE category = %s ORDER BY " + sort
    # ruleid: python.sqli.query
    cur.execute(sql, ("books",))


def chain(cur, table, user_id):
    # ruleid: python.sqli.query
    cur.execute("SELECT * FROM " + table + " WHERE id = " + user_id)


@app.route("/user6")
def user_by_id_cast_then_reassigned():
    user_id = int(request.args.get("id"))
    name = request.args.get("name")
    cur = sqlite3.connect("app.db").cursor()
    # ruleid: python.sqli.query
    cur.execute("SELECT * FROM users WHERE id = %d AND name = '%s'" % (user_id, name))


def build_audit_query(actor, action):
    sql = "SELECT ts, actor FROM audit_log WHERE actor = ?"
    params = [actor]
    if action:
        sql += " AND action = ?"
        params.append(action)
    return sql, params


@app.route("/audit")
def audit_export():
    sql, params = build_audit_query(request.args["actor"], request.args.get("action"))
    # ok: python.sqli.query
    return db.execute(sql, params).fetchall()


@app.route("/audit2")
def audit_export_formatted():
    actor = request.args["actor"]
    # ruleid: python.sqli.query
    return db.execute("SELECT ts FROM audit_log WHERE actor = '%s' AND kind = ?" % actor, ("login",)).fetchall()


@app.route("/raw")
def raw_query():
    # ruleid: python.sqli.query
    return db.execute(request.args["q"]).fetchall()
