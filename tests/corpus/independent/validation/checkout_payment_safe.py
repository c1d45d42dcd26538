"""Checkout endpoint that charges the customer via Stripe."""
import os

import stripe
from flask import Flask, abort, jsonify, request
from flask_login import current_user, login_required

from shop.catalog import get_product

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]
stripe.api_key = os.environ["STRIPE_SECRET_KEY"]

MAX_QUANTITY = 50


@app.post("/api/checkout")
@login_required
def checkout():
    """Create a PaymentIntent for the items in the request."""
    body = request.get_json(force=True)
    line_items = []
    total_cents = 0
    for entry in body.get("items", []):
        product = get_product(entry["product_id"])
        if product is None:
            abort(400, "unknown product")
        try:
            quantity = int(entry["quantity"])
        except (KeyError, TypeError, ValueError):
            abort(400, "quantity must be an integer")
        if not 1 <= quantity <= MAX_QUANTITY:
            abort(400, f"quantity must be between 1 and {MAX_QUANTITY}")
        total_cents += product.price_cents * quantity
        line_items.append({"sku": product.sku, "quantity": quantity})

    if total_cents <= 0:
        abort(400, "cart is empty")
    intent = stripe.PaymentIntent.create(
        amount=total_cents,
        currency="usd",
        customer=current_user.stripe_customer_id,
        metadata={"items": ",".join(f"{i['sku']}x{i['quantity']}" for i in line_items)},
    )
    return jsonify(client_secret=intent.client_secret, amount=total_cents)
