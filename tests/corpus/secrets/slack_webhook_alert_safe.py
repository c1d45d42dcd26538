import os

import requests

WEBHOOK_URL = os.environ["SLACK_WEBHOOK_URL"]  # e.g. https://hooks.slack.com/services/T000/B000/XXXX


def alert(message: str) -> None:
    requests.post(WEBHOOK_URL, json={"text": message}, timeout=5)
