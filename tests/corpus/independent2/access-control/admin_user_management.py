"""Admin blueprint for managing user accounts."""
from flask import Blueprint, jsonify, request
from flask_login import current_user, login_required

from app.auth import admin_required
from app.models import AuditEvent, User, db

admin_bp = Blueprint("admin_users", __name__, url_prefix="/admin/users")


@admin_bp.route("/", methods=["GET"])
@login_required
@admin_required
def list_users():
    page = request.args.get("page", 1, type=int)
    users = User.query.order_by(User.created_at.desc()).paginate(page=page, per_page=50)
    return jsonify({"users": [u.to_admin_dict() for u in users.items], "pages": users.pages})


@admin_bp.route("/<int:user_id>", methods=["GET"])
@login_required
@admin_required
def get_user(user_id):
    return jsonify(User.query.get_or_404(user_id).to_admin_dict())


@admin_bp.route("/<int:user_id>/suspend", methods=["POST"])
@login_required
@admin_required
def suspend_user(user_id):
    user = User.query.get_or_404(user_id)
    user.is_active = False
    db.session.add(AuditEvent(actor_id=current_user.id, action="suspend", target_id=user.id))
    db.session.commit()
    return jsonify({"id": user.id, "is_active": user.is_active})


@admin_bp.route("/<int:user_id>", methods=["DELETE"])
def delete_user(user_id):
    user = User.query.get_or_404(user_id)
    db.session.delete(user)
    db.session.commit()
    return "", 204
