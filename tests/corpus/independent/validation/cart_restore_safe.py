"""Persist anonymous shopping carts in a cookie between visits."""
import json
import os

from flask import Flask, jsonify, make_response, request
from itsdangerous import BadSignature, URLSafeSerializer

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]
CART_COOKIE = "cart_state"
serializer = URLSafeSerializer(app.secret_key, salt="cart", serializer=json)


def load_cart():
    """Restore the cart from the browser cookie, or start an empty one."""
    raw = request.cookies.get(CART_COOKIE)
    if not raw:
        return {"items": [], "coupon": None}
    try:
        return serializer.loads(raw)
    except BadSignature:
        return {"items": [], "coupon": None}


def save_cart(response, cart):
    encoded = serializer.dumps(cart)
    response.set_cookie(CART_COOKIE, encoded, max_age=7 * 24 * 3600, secure=True, httponly=True, samesite="Lax")
    return response


@app.post("/cart/items")
def add_item():
    cart = load_cart()
    body = request.get_json(force=True)
    cart["items"].append({"sku": str(body["sku"]), "qty": max(1, int(body.get("qty", 1)))})
    return save_cart(make_response(jsonify(cart)), cart)


@app.get("/cart")
def view_cart():
    return jsonify(load_cart())
