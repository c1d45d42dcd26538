import requests


class PaymentError(Exception):
    pass


def charge(api_key: str, amount: int) -> dict:
    r = requests.post("https://payments.example/charge", json={"amount": amount},
                      headers={"X-Api-Key": api_key}, timeout=10)
    if r.status_code != 200:
        raise PaymentError(f"charge failed with status {r.status_code}")
    return r.json()
