import os

from slack_sdk import WebClient

client = WebClient(token=os.environ["SLACK_BOT_TOKEN"])


def notify(channel: str, text: str) -> None:
    client.chat_postMessage(channel=channel, text=text)
