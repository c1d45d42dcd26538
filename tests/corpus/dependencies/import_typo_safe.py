import json

import requests


def fetch(url: str) -> dict:
    return json.loads(requests.get(url, timeout=10).text)
