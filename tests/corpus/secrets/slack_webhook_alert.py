import requests

WEBHOOK_URL = "https://hooks.slack.com/services/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"


def alert(message: str) -> None:
    requests.post(WEBHOOK_URL, json={"text": message}, timeout=5)
