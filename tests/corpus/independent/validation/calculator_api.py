"""Tiny calculator microservice used by the spreadsheet widget."""
import math

from flask import Flask, jsonify, request

app = Flask(__name__)

MATH_NAMES = {name: getattr(math, name) for name in ("sqrt", "sin", "cos", "tan", "log", "pi", "e")}


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
        value = eval(expression, {"__builtins__": {}}, MATH_NAMES)
    except Exception as exc:
        return jsonify(error=f"could not evaluate: {exc}"), 400
    return jsonify(expression=expression, result=value)
