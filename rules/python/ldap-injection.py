import re

import ldap
from flask import Flask, request
from ldap3.utils.conv import escape_filter_chars

app = Flask(__name__)


@app.route("/user")
def find_user():
    conn = ldap.initialize("ldap://localhost")
    name = request.args.get("name")
    # ruleid: python.ldap-injection.filter
    return str(conn.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, "(uid=" + name + ")"))


@app.route("/user2")
def find_user_ldap3():
    name = request.args.get("name")
    # ruleid: python.ldap-injection.filter
    ok = app.conn.search("dc=example,dc=com", f"(&(objectClass=person)(uid={name}))")
    return str(ok)


@app.route("/check")
def check_name():
    name = request.args.get("name")
    # ok: python.ldap-injection.filter
    return str(bool(re.search("[^a-z]", name)))


@app.route("/user3")
def find_user_escaped():
    name = escape_filter_chars(request.args.get("name"))
    # ok: python.ldap-injection.filter
    ok = app.conn.search("dc=example,dc=com", f"(&(objectClass=person)(uid={name}))")
    return str(ok)
