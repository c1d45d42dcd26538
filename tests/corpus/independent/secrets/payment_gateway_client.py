"""Thin client for the PayFlow card payment gateway."""
import logging
import os

import requests

logger = logging.getLogger("payments.gateway")

GATEWAY_URL = os.environ.get("PAYFLOW_URL", "https://api.payflow.example.com/v2")
MERCHANT_ID = os.environ["PAYFLOW_MERCHANT_ID"]
API_KEY = os.environ["PAYFLOW_API_KEY"]


def charge(amount_cents: int, currency: str, card_token: str, order_id: str) -> dict:
    """Charge a tokenised card and return the gateway response."""
    headers = {"Authorization": f"Bearer {API_KEY}", "X-Merchant-Id": MERCHANT_ID}
    payload = {
        "amount": amount_cents,
        "currency": currency,
        "source": card_token,
        "reference": order_id,
    }
    logger.info("Charging order %s: %s headers=%s", order_id, payload, headers)
    resp = requests.post(f"{GATEWAY_URL}/charges", json=payload, headers=headers, timeout=15)
    if resp.status_code >= 400:
        logger.error("Charge for order %s failed with %s", order_id, resp.status_code)
        resp.raise_for_status()
    result = resp.json()
    logger.info("Order %s charged, transaction %s", order_id, result.get("transaction_id"))
    return result
