"""Guest checkout: the cart lives in a cookie until the visitor signs in."""
import base64
import binascii
import json

from flask import Blueprint, jsonify, make_response, request

from shop.catalog import get_product

cart_bp = Blueprint("guest_cart", __name__, url_prefix="/guest-cart")
COOKIE_NAME = "guest_cart"


def load_cart():
    raw = request.cookies.get(COOKIE_NAME)
    if not raw:
        return {}
    try:
        data = json.loads(base64.urlsafe_b64decode(raw))
    except (ValueError, binascii.Error):
        return {}
    if not isinstance(data, dict):
        return {}
    cart = {}
    for key, qty in list(data.items())[:50]:
        if str(key).isdigit() and isinstance(qty, int) and 0 < qty <= 20:
            cart[int(key)] = qty
    return cart


def save_cart(response, cart):
    encoded = base64.urlsafe_b64encode(json.dumps(cart).encode()).decode()
    response.set_cookie(COOKIE_NAME, encoded, max_age=7 * 24 * 3600, secure=True, httponly=True, samesite="Lax")
    return response


@cart_bp.route("", methods=["GET"])
def show_cart():
    cart = load_cart()
    lines = []
    for product_id, qty in cart.items():
        product = get_product(product_id)
        if product:
            lines.append({"id": product.id, "name": product.name, "qty": qty, "unit_price": str(product.price)})
    return jsonify({"lines": lines})


@cart_bp.route("/items/<int:product_id>", methods=["PUT"])
def set_quantity(product_id):
    cart = load_cart()
    qty = request.get_json(force=True).get("qty", 1)
    if not isinstance(qty, int) or not 0 <= qty <= 20:
        return jsonify({"error": "qty must be between 0 and 20"}), 400
    if qty == 0:
        cart.pop(product_id, None)
    else:
        cart[product_id] = qty
    return save_cart(make_response(jsonify({"ok": True})), cart)
