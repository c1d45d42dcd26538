"""Employee directory lookup against the corporate LDAP server."""
import os

from flask import Flask, jsonify, request
from ldap3 import ALL, Connection, Server

app = Flask(__name__)

LDAP_URL = os.environ.get("LDAP_URL", "ldaps://ldap.corp.example.com")
BASE_DN = "ou=people,dc=corp,dc=example,dc=com"


def ldap_connection():
    server = Server(LDAP_URL, get_info=ALL, use_ssl=True)
    return Connection(
        server,
        user=os.environ["LDAP_BIND_DN"],
        password=os.environ["LDAP_BIND_PASSWORD"],
        auto_bind=True,
    )


@app.get("/directory/search")
def directory_search():
    """Find employees by (partial) name or user id."""
    term = request.args.get("q", "").strip()
    if len(term) < 2:
        return jsonify(error="query too short"), 400
    search_filter = "(&(objectClass=person)(|(cn=*%s*)(uid=%s)))" % (term, term)
    with ldap_connection() as conn:
        conn.search(BASE_DN, search_filter, attributes=["cn", "mail", "title", "telephoneNumber"])
        people = [
            {"name": str(e.cn), "email": str(e.mail), "title": str(e.title)}
            for e in conn.entries
        ]
    return jsonify(results=people)
