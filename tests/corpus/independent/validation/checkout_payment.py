"""Checkout endpoint that charges the customer via Stripe."""
import os

import stripe
from flask import Flask, jsonify, request
from flask_login import current_user, login_required

from shop.catalog import get_product

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]
stripe.api_key = os.environ["STRIPE_SECRET_KEY"]


@app.post("/api/checkout")
@login_required
def checkout():
    """Create a PaymentIntent for the items in the request."""
    body = request.get_json(force=True)
    line_items = []
    total_cents = 0
    for entry in body.get("items", []):
        product = get_product(entry["product_id"])
        quantity = int(entry["quantity"])
        unit_price = int(entry.get("unit_price_cents", product.price_cents))
        total_cents += unit_price * quantity
        line_items.append({"sku": product.sku, "quantity": quantity})

    intent = stripe.PaymentIntent.create(
        amount=total_cents,
        currency="usd",
        customer=current_user.stripe_customer_id,
        metadata={"items": ",".join(f"{i['sku']}x{i['quantity']}" for i in line_items)},
    )
    return jsonify(client_secret=intent.client_secret, amount=total_cents)
