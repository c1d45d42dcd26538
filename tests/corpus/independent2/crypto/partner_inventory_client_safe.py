"""Client for the wholesale partner's inventory API."""
import os

import requests


class PartnerInventoryClient:
    """Thin wrapper around the partner's REST API (JSON over HTTPS)."""

    def __init__(self, base_url=None, api_token=None, timeout=10):
        self.base_url = (base_url or os.environ["PARTNER_API_URL"]).rstrip("/")
        self.session = requests.Session()
        self.session.headers.update(
            {
                "Authorization": f"Bearer {api_token or os.environ['PARTNER_API_TOKEN']}",
                "Accept": "application/json",
            }
        )
        # Their staging and prod endpoints use a certificate from their own CA
        self.session.verify = os.environ.get(
            "PARTNER_CA_BUNDLE", "/etc/ssl/partner/partner-root-ca.pem"
        )
        self.timeout = timeout

    def stock_levels(self, skus):
        resp = self.session.get(
            f"{self.base_url}/v2/stock", params={"sku": ",".join(skus)}, timeout=self.timeout
        )
        resp.raise_for_status()
        return {row["sku"]: row["available"] for row in resp.json()["items"]}

    def reserve(self, sku, quantity, order_ref):
        resp = self.session.post(
            f"{self.base_url}/v2/reservations",
            json={"sku": sku, "quantity": quantity, "reference": order_ref},
            timeout=self.timeout,
        )
        resp.raise_for_status()
        return resp.json()["reservation_id"]
