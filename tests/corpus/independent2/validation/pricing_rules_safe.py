"""Promotion rule preview for the merchandising team."""
import ast
import operator
from decimal import Decimal

from flask import Blueprint, jsonify, request
from flask_login import login_required

promotions_bp = Blueprint("promotions", __name__, url_prefix="/api/promotions")

_BIN_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}
_CMP_OPS = {ast.Gt: operator.gt, ast.GtE: operator.ge, ast.Lt: operator.lt, ast.LtE: operator.le, ast.Eq: operator.eq}


def _evaluate(node, context):
    if isinstance(node, ast.Expression):
        return _evaluate(node.body, context)
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return node.value
    if isinstance(node, ast.Name) and node.id in context:
        return context[node.id]
    if isinstance(node, ast.BinOp) and type(node.op) in _BIN_OPS:
        return _BIN_OPS[type(node.op)](_evaluate(node.left, context), _evaluate(node.right, context))
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in _CMP_OPS:
        return _CMP_OPS[type(node.ops[0])](_evaluate(node.left, context), _evaluate(node.comparators[0], context))
    if isinstance(node, ast.IfExp):
        branch = node.body if _evaluate(node.test, context) else node.orelse
        return _evaluate(branch, context)
    raise ValueError("unsupported expression")


def apply_discount(expression, price, quantity):
    """Evaluate a discount expression such as ``price * 0.9 if quantity > 3 else price``."""
    context = {"price": float(price), "quantity": int(quantity)}
    return _evaluate(ast.parse(expression, mode="eval"), context)


@promotions_bp.route("/preview", methods=["POST"])
@login_required
def preview_rule():
    """Show what a draft promotion rule would charge for a sample basket."""
    data = request.get_json(force=True)
    expression = str(data.get("expression", "price"))[:200]
    samples = data.get("samples", [{"price": "19.99", "quantity": 1}])

    results = []
    try:
        for sample in samples[:20]:
            discounted = apply_discount(expression, sample["price"], sample["quantity"])
            results.append(
                {
                    "price": sample["price"],
                    "quantity": sample["quantity"],
                    "discounted": str(round(Decimal(str(discounted)), 2)),
                }
            )
    except (ValueError, SyntaxError, ZeroDivisionError, KeyError, TypeError):
        return jsonify({"error": "invalid expression or sample"}), 400
    return jsonify({"expression": expression, "results": results})
