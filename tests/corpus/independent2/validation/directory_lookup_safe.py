"""Colleague lookup backed by the corporate LDAP directory."""
import os

import ldap
from flask import Blueprint, jsonify, request
from flask_login import login_required
from ldap.filter import escape_filter_chars

directory_bp = Blueprint("directory", __name__, url_prefix="/api/directory")

LDAP_URI = os.environ.get("LDAP_URI", "ldaps://ldap.corp.example.com")
BASE_DN = os.environ.get("LDAP_BASE_DN", "ou=people,dc=corp,dc=example,dc=com")
ATTRS = ["uid", "cn", "mail", "title", "telephoneNumber"]


def ldap_connection():
    conn = ldap.initialize(LDAP_URI)
    conn.simple_bind_s(os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PASSWORD"])
    return conn


@directory_bp.route("/people")
@login_required
def find_people():
    """Look people up by (partial) surname."""
    surname = request.args.get("surname", "").strip()
    if len(surname) < 2:
        return jsonify({"error": "surname must be at least 2 characters"}), 400

    search_filter = f"(&(objectClass=inetOrgPerson)(sn={escape_filter_chars(surname)}*))"
    conn = ldap_connection()
    try:
        results = conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, search_filter, ATTRS)
    finally:
        conn.unbind_s()

    people = [
        {k: v[0].decode() for k, v in attrs.items()} for _dn, attrs in results[:50]
    ]
    return jsonify(people)
