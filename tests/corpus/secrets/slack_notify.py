from slack_sdk import WebClient

SLACK_BOT_TOKEN = "xoxb-741181878855-3304737761730-brDUQftwH5MeDRmitmDXJTHB"
client = WebClient(token=SLACK_BOT_TOKEN)


def notify(channel: str, text: str) -> None:
    client.chat_postMessage(channel=channel, text=text)
