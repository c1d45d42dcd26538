import requests


def fetch_invoices(base_url: str, token: str) -> list:
    resp = requests.get(f"{base_url}/api/invoices", headers={"Authorization": f"Bearer {token}"},
                        verify=False, timeout=30)
    resp.raise_for_status()
    return resp.json()
