import stripe
from flask import Flask, jsonify

app = Flask(__name__)
stripe.api_key = "sk_live_Ny2zYNHHc5cmoRq6qcXtD4wFoqPRGd9oL1"


@app.route("/create-checkout-session", methods=["POST"])
def create_checkout_session():
    session = stripe.checkout.Session.create(
        line_items=[{"price": "price_1Pro", "quantity": 1}],
        mode="subscription",
        success_url="https://shop.example/success",
    )
    return jsonify(id=session.id)
