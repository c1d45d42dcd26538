import json


def cache_result(key: str, value: dict) -> None:
    with open(f"/tmp/app-cache-{key}.json", "w") as fh:
        json.dump(value, fh)
