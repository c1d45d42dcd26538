"""Tiny calculator microservice used by the spreadsheet widget."""
import ast
import math
import operator

from flask import Flask, jsonify, request

app = Flask(__name__)

FUNCTIONS = {name: getattr(math, name) for name in ("sqrt", "sin", "cos", "tan", "log")}
CONSTANTS = {"pi": math.pi, "e": math.e}
BIN_OPS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Mod: operator.mod,
}
UNARY_OPS = {ast.UAdd: operator.pos, ast.USub: operator.neg}


def _evaluate(node):
    if isinstance(node, ast.Expression):
        return _evaluate(node.body)
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return node.value
    if isinstance(node, ast.Name) and node.id in CONSTANTS:
        return CONSTANTS[node.id]
    if isinstance(node, ast.BinOp) and type(node.op) in BIN_OPS:
        return BIN_OPS[type(node.op)](_evaluate(node.left), _evaluate(node.right))
    if isinstance(node, ast.UnaryOp) and type(node.op) in UNARY_OPS:
        return UNARY_OPS[type(node.op)](_evaluate(node.operand))
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in FUNCTIONS
        and len(node.args) == 1
        and not node.keywords
    ):
        return FUNCTIONS[node.func.id](_evaluate(node.args[0]))
    raise ValueError("unsupported expression")


@app.post("/api/calc")
def calculate():
    """Evaluate an arithmetic expression like "2 * (3 + sqrt(16))"."""
    data = request.get_json(force=True)
    expression = str(data.get("expression", "")).strip()
    if not expression:
        return jsonify(error="expression is required"), 400
    if len(expression) > 200:
        return jsonify(error="expression too long"), 400
    try:
        value = _evaluate(ast.parse(expression, mode="eval"))
    except (ValueError, SyntaxError, ZeroDivisionError, OverflowError) as exc:
        return jsonify(error=f"could not evaluate: {exc}"), 400
    return jsonify(expression=expression, result=value)
