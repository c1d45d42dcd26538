import json

import reqeusts


def fetch(url: str) -> dict:
    return json.loads(reqeusts.get(url, timeout=10).text)
