from functools import wraps

from flask import Flask, abort, jsonify, session

from .models import User, db

app = Flask(__name__)


def admin_required(f):
    @wraps(f)
    def wrapper(*args, **kwargs):
        if not session.get("is_admin"):
            abort(403)
        return f(*args, **kwargs)
    return wrapper


@app.route("/admin/users")
@admin_required
def admin_list_users():
    return jsonify([u.email for u in User.query.all()])


@app.route("/admin/users/<int:user_id>/promote", methods=["POST"])
@admin_required
def promote_user(user_id):
    User.query.get_or_404(user_id).is_admin = True
    db.session.commit()
    return jsonify(ok=True)


@app.route("/admin/users/<int:user_id>/delete", methods=["POST"])
def delete_user(user_id):
    db.session.delete(User.query.get_or_404(user_id))
    db.session.commit()
    return jsonify(ok=True)
