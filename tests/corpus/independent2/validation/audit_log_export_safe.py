"""Admin resource for exporting filtered audit-log entries."""
import sqlite3

from flask import current_app, request
from flask_restful import Resource

from app.auth import admin_required

COLUMNS = ("ts", "actor", "action", "target")


def build_audit_query(actor, action=None):
    """Build the SELECT used by the export, newest entries first."""
    sql = "SELECT ts, actor, action, target FROM audit_log WHERE actor = ?"
    params = [actor]
    if action:
        sql += " AND action = ?"
        params.append(action)
    return sql + " ORDER BY ts DESC LIMIT 500", params


class AuditLogExport(Resource):
    method_decorators = [admin_required]

    def post(self):
        payload = request.get_json(silent=True) or {}
        actor = str(payload.get("actor", ""))
        action = payload.get("action")
        if not actor:
            return {"error": "actor is required"}, 400

        sql, params = build_audit_query(actor, str(action) if action else None)
        conn = sqlite3.connect(current_app.config["AUDIT_DB_PATH"])
        try:
            rows = conn.execute(sql, params).fetchall()
        finally:
            conn.close()

        return {"count": len(rows), "entries": [dict(zip(COLUMNS, r)) for r in rows]}
