"""Promotion rule preview for the merchandising team."""
from decimal import Decimal

from flask import Blueprint, jsonify, request
from flask_login import login_required

promotions_bp = Blueprint("promotions", __name__, url_prefix="/api/promotions")


def apply_discount(expression, price, quantity):
    """Evaluate a discount expression such as ``price * 0.9 if quantity > 3 else price``."""
    context = {"price": float(price), "quantity": int(quantity)}
    return eval(expression, {"__builtins__": {}}, context)


@promotions_bp.route("/preview", methods=["POST"])
@login_required
def preview_rule():
    """Show what a draft promotion rule would charge for a sample basket."""
    data = request.get_json(force=True)
    expression = data.get("expression", "price")
    samples = data.get("samples", [{"price": "19.99", "quantity": 1}])

    results = []
    for sample in samples[:20]:
        discounted = apply_discount(expression, sample["price"], sample["quantity"])
        results.append(
            {
                "price": sample["price"],
                "quantity": sample["quantity"],
                "discounted": str(round(Decimal(str(discounted)), 2)),
            }
        )
    return jsonify({"expression": expression, "results": results})
