import logging
import traceback

from fastapi import FastAPI, HTTPException
from flask import Flask, jsonify

app = Flask(__name__)
api = FastAPI()
logger = logging.getLogger(__name__)


def login(username, password):
    # ruleid: python.logging.secret
    logger.info("login attempt for %s with %s", username, password)
    # ruleid: python.logging.secret
    logging.debug(f"using token {user.api_key}")
    # ok: python.logging.secret
    logger.info("login attempt for %s", username)
    # ok: python.logging.secret
    logger.debug("password length %d", len(password))
    # ruleid: python.logging.secret
    print("secret is", password)
    # ok: python.logging.secret
    logger.warning("passwords must be strings, not %s", type(password))
    # ok: python.logging.secret
    print("Got new access token ending in", access_token[-4:])
    # ok: python.logging.secret
    logger.info(f"token ends in {access_token[-4:]}")
    # ok: python.logging.secret
    logger.info("using key %s", mask(api_key))
    # ok: python.logging.secret
    logger.info("using key %s", masked_api_key)
    # ok: python.logging.secret
    logger.debug("token fingerprint %s", hashlib.sha256(access_token.encode()).hexdigest()[:8])
    # ruleid: python.logging.secret
    logger.debug(f"api key {api_key}")


@app.route("/items")
def items():
    try:
        return jsonify(load())
    except Exception as exc:
        # ruleid: python.error.exception-in-response
        return jsonify({"error": str(exc)}), 500


@app.route("/items2")
def items_ok():
    try:
        return jsonify(load())
    except Exception:
        logger.exception("loading items failed")
        # ok: python.error.exception-in-response
        return jsonify({"error": "internal error"}), 500


@api.get("/things")
def things():
    try:
        return load()
    except ValueError as exc:
        # ruleid: python.error.exception-in-response
        raise HTTPException(status_code=400, detail=str(exc))


@app.route("/debug")
def debug_view():
    try:
        return load()
    except Exception:
        # ruleid: python.error.exception-in-response
        return "<pre>" + traceback.format_exc() + "</pre>", 500


def helper():
    try:
        return load()
    except Exception as exc:
        # ok: python.error.exception-in-response
        return str(exc)


def load():
    return []


def charge_with_logged_headers(order_id, payload):
    headers = {"Authorization": f"Bearer {API_KEY}", "X-Merchant-Id": MERCHANT_ID}
    # ruleid: python.logging.credential-headers
    logger.info("Charging order %s: %s headers=%s", order_id, payload, headers)
    return requests.post(GATEWAY_URL, json=payload, headers=headers, timeout=15)


def charge_quietly(order_id, payload):
    headers = {"Authorization": f"Bearer {API_KEY}"}
    # ok: python.logging.credential-headers
    logger.info("Charging order %s", order_id)
    resp = requests.post(GATEWAY_URL, json=payload, headers=headers, timeout=15)
    # ok: python.logging.credential-headers
    logger.error("Charge for order %s failed with %s", order_id, resp.status_code)
    return resp


@app.before_request
def log_request():
    # ruleid: python.logging.credential-headers
    app.logger.debug("incoming %s %s headers=%s", request.method, request.path, dict(request.headers))


@app.before_request
def log_user_agent():
    # ok: python.logging.credential-headers
    app.logger.debug("incoming %s ua=%s", request.path, request.headers.get("User-Agent"))
