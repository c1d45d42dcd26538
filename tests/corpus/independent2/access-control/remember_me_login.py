"""JSON login endpoint with an optional long-lived "remember me" cookie."""
import datetime as dt
import secrets

from flask import Blueprint, jsonify, make_response, request
from werkzeug.security import check_password_hash

from .models import RememberToken, User, db

auth_api = Blueprint("auth_api", __name__, url_prefix="/api/auth")

REMEMBER_DAYS = 30


@auth_api.route("/login", methods=["POST"])
def login():
    data = request.get_json(silent=True) or {}
    user = User.query.filter_by(email=str(data.get("email", "")).lower()).first()
    if user is None or not check_password_hash(user.password_hash, str(data.get("password", ""))):
        return jsonify({"error": "invalid credentials"}), 401

    response = make_response(jsonify({"id": user.id, "name": user.display_name}))
    if data.get("remember"):
        raw_token = secrets.token_urlsafe(32)
        RememberToken.issue(
            user_id=user.id,
            raw_token=raw_token,
            expires_at=dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=REMEMBER_DAYS),
        )
        db.session.commit()
        response.set_cookie(
            "remember_token",
            raw_token,
            max_age=REMEMBER_DAYS * 24 * 3600,
            path="/",
        )
    return response
