"""Cart line-item API for signed-in shoppers."""
from flask import Blueprint, jsonify, request
from flask_login import current_user, login_required

from .models import CartItem, Product, db

cart_api = Blueprint("cart_api", __name__, url_prefix="/api/cart")


def cart_summary(user_id):
    items = CartItem.query.filter_by(user_id=user_id).all()
    total = sum(item.product.price * item.quantity for item in items)
    return {"items": [i.to_dict() for i in items], "total": str(total)}


@cart_api.route("/items", methods=["POST"])
@login_required
def add_item():
    data = request.get_json(silent=True) or {}
    product = Product.query.filter_by(id=data.get("product_id"), is_active=True).first()
    if product is None:
        return jsonify({"error": "unknown product"}), 404

    try:
        quantity = int(data.get("quantity", 1))
    except (TypeError, ValueError):
        return jsonify({"error": "quantity must be a number"}), 400

    item = CartItem.query.filter_by(user_id=current_user.id, product_id=product.id).first()
    if item is None:
        item = CartItem(user_id=current_user.id, product_id=product.id, quantity=0)
        db.session.add(item)
    item.quantity += quantity
    db.session.commit()
    return jsonify(cart_summary(current_user.id)), 201
