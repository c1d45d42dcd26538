from flask import Blueprint, jsonify

from .auth import admin_required
from .models import User

admin = Blueprint("admin", __name__, url_prefix="/admin")


@admin.get("/users/<int:user_id>")
@admin_required
def show_user(user_id):
    user = User.query.get_or_404(user_id)
    return jsonify(id=user.id, email=user.email, active=user.active)
