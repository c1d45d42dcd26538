import json
from pathlib import Path

CACHE_DIR = Path.home() / ".cache" / "app"


def cache_result(key: str, value: dict) -> None:
    CACHE_DIR.mkdir(parents=True, exist_ok=True, mode=0o700)
    (CACHE_DIR / f"{key}.json").write_text(json.dumps(value))
