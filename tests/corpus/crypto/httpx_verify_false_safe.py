import httpx

client = httpx.Client(base_url="https://inventory.internal", timeout=10)


def stock_level(sku: str) -> int:
    return client.get(f"/stock/{sku}").json()["level"]
