import jwt
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/api/me")
def me():
    token = request.headers.get("Authorization", "").removeprefix("Bearer ")
    claims = jwt.decode(token, options={"verify_signature": False})
    return jsonify(user=claims["sub"], role=claims.get("role"))
