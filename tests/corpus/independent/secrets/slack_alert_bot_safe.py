"""Forward Prometheus Alertmanager webhooks to a Slack channel."""
import hmac
import os

from fastapi import FastAPI, Header, HTTPException, Request
from slack_sdk.web.async_client import AsyncWebClient

SLACK_BOT_TOKEN = os.environ["SLACK_BOT_TOKEN"]
WEBHOOK_TOKEN = os.environ["ALERTMANAGER_WEBHOOK_TOKEN"]
ALERT_CHANNEL = os.environ.get("SLACK_ALERT_CHANNEL", "#ops-alerts")

app = FastAPI()
slack = AsyncWebClient(token=SLACK_BOT_TOKEN)

SEVERITY_EMOJI = {"critical": ":red_circle:", "warning": ":large_orange_circle:", "info": ":information_source:"}


def format_alert(alert: dict) -> str:
    labels = alert.get("labels", {})
    annotations = alert.get("annotations", {})
    emoji = SEVERITY_EMOJI.get(labels.get("severity", "info"), ":grey_question:")
    return f"{emoji} *{labels.get('alertname', 'alert')}* ({alert.get('status')}) - {annotations.get('summary', '')}"


@app.post("/alertmanager")
async def alertmanager_webhook(request: Request, authorization: str = Header("")):
    if not hmac.compare_digest(authorization, f"Bearer {WEBHOOK_TOKEN}"):
        raise HTTPException(status_code=401, detail="invalid token")
    payload = await request.json()
    lines = [format_alert(a) for a in payload.get("alerts", [])]
    if lines:
        await slack.chat_postMessage(channel=ALERT_CHANNEL, text="\n".join(lines))
    return {"forwarded": len(lines)}
