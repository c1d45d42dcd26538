"""Admin blueprint: user management and revenue reports."""
from flask import Blueprint, jsonify, request

from app.auth import admin_required
from app.models import Order, User, db

admin_bp = Blueprint("admin", __name__, url_prefix="/admin")


@admin_bp.get("/users")
@admin_required
def list_users():
    users = User.query.order_by(User.created_at.desc()).limit(100).all()
    return jsonify([u.to_dict() for u in users])


@admin_bp.post("/users/<int:user_id>/suspend")
@admin_required
def suspend_user(user_id):
    user = User.query.get_or_404(user_id)
    user.is_active = False
    db.session.commit()
    return jsonify(status="suspended", user_id=user_id)


@admin_bp.get("/reports/revenue")
def revenue_report():
    """Revenue per day for the requested month (YYYY-MM)."""
    month = request.args.get("month")
    rows = Order.revenue_by_day(month)
    return jsonify(month=month, days=[{"day": d.isoformat(), "total": float(t)} for d, t in rows])


@admin_bp.get("/reports/top-customers")
@admin_required
def top_customers():
    rows = Order.top_customers(limit=20)
    return jsonify([{"email": email, "spent": float(total)} for email, total in rows])
