"""Bearer-token authentication for the mobile API."""
from functools import wraps

import jwt
from flask import Blueprint, g, jsonify, request

from app.models import Device, User

mobile_bp = Blueprint("mobile", __name__, url_prefix="/mobile/v1")


def token_required(view):
    """Decode the bearer token and load the matching user into ``g.user``."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        header = request.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            return jsonify({"error": "missing bearer token"}), 401
        token = header.split(" ", 1)[1]
        try:
            claims = jwt.decode(token, options={"verify_signature": False})
        except jwt.InvalidTokenError:
            return jsonify({"error": "invalid token"}), 401

        user = User.query.get(claims.get("sub"))
        if user is None or not user.is_active:
            return jsonify({"error": "unknown user"}), 401
        g.user = user
        return view(*args, **kwargs)

    return wrapper


@mobile_bp.route("/devices")
@token_required
def my_devices():
    devices = Device.query.filter_by(owner_id=g.user.id).all()
    return jsonify([d.to_dict() for d in devices])
