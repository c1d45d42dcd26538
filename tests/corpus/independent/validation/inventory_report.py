"""Warehouse inventory report blueprint."""
from flask import Blueprint, jsonify, request
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
    threshold = request.args.get("threshold", "10")
    query = text(
        "SELECT sku, name, on_hand, warehouse FROM inventory "
        "WHERE warehouse = '{}' AND on_hand < {} ORDER BY on_hand".format(warehouse, threshold)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).fetchall()
    return jsonify(items=[_serialize(r) for r in rows], warehouse=warehouse)
