"""Warehouse inventory report blueprint."""
from flask import Blueprint, abort, jsonify, request
from sqlalchemy import create_engine, text

from config import settings

bp = Blueprint("inventory", __name__, url_prefix="/inventory")
engine = create_engine(settings.DATABASE_URL, pool_pre_ping=True)


def _serialize(row):
    return {"sku": row.sku, "name": row.name, "on_hand": row.on_hand, "warehouse": row.warehouse}


@bp.get("/low-stock")
def low_stock():
    """Return items below the reorder threshold for a given warehouse."""
    warehouse = request.args.get("warehouse", "MAIN")
    threshold = request.args.get("threshold", 10, type=int)
    if threshold is None or threshold < 0:
        abort(400, "threshold must be a non-negative integer")
    query = text(
        "SELECT sku, name, on_hand, warehouse FROM inventory "
        "WHERE warehouse = :warehouse AND on_hand < :threshold ORDER BY on_hand"
    )
    with engine.connect() as conn:
        rows = conn.execute(query, {"warehouse": warehouse, "threshold": threshold}).fetchall()
    return jsonify(items=[_serialize(r) for r in rows], warehouse=warehouse)
