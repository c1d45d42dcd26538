"""Sync stock levels from the partner warehouse API."""
import logging
import os

import requests

log = logging.getLogger(__name__)

PARTNER_API = os.environ.get("PARTNER_API_URL", "https://partner-wms.example.net/api/v1")
PARTNER_TOKEN = os.environ["PARTNER_API_TOKEN"]


def fetch_stock_page(page: int) -> dict:
    resp = requests.get(
        f"{PARTNER_API}/stock",
        params={"page": page, "per_page": 200},
        headers={"Authorization": f"Token {PARTNER_TOKEN}"},
        timeout=20,
        verify=False,
    )
    resp.raise_for_status()
    return resp.json()


def sync_stock(update_fn) -> int:
    """Walk all pages and pass each (sku, quantity) to update_fn."""
    page, updated = 1, 0
    while True:
        data = fetch_stock_page(page)
        for item in data["items"]:
            update_fn(item["sku"], int(item["available"]))
            updated += 1
        if not data.get("next_page"):
            break
        page = data["next_page"]
    log.info("Synced %d SKUs from partner", updated)
    return updated
