"""Invoice search endpoint for the billing dashboard."""
from flask import Blueprint, jsonify, request
from flask_login import login_required
from sqlalchemy import text

from .db import engine

invoices_bp = Blueprint("invoices", __name__, url_prefix="/api/invoices")

MAX_LIMIT = 200


@invoices_bp.route("/search")
@login_required
def search_invoices():
    """Search invoices by customer name, newest first."""
    customer = request.args.get("customer", "").strip()
    try:
        limit = min(max(int(request.args.get("limit", 50)), 1), MAX_LIMIT)
    except ValueError:
        return jsonify({"error": "limit must be an integer"}), 400

    query = text(
        f"SELECT id, customer_name, total_cents, issued_at "
        f"FROM invoices WHERE customer_name LIKE '%{customer}%' "
        f"ORDER BY issued_at DESC LIMIT :limit"
    )
    with engine.connect() as conn:
        rows = conn.execute(query, {"limit": limit}).mappings().all()

    return jsonify(
        [
            {
                "id": row["id"],
                "customer": row["customer_name"],
                "total": row["total_cents"] / 100,
                "issued_at": row["issued_at"].isoformat(),
            }
            for row in rows
        ]
    )
