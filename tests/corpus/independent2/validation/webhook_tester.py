"""'Send test event' button on the webhook settings page."""
import datetime as dt

import httpx
from fastapi import APIRouter, Depends
from pydantic import BaseModel

from app.auth import Account, get_current_account

router = APIRouter(prefix="/webhooks", tags=["webhooks"])


class WebhookTest(BaseModel):
    url: str
    event: str = "ping"


@router.post("/test")
async def send_test_event(body: WebhookTest, account: Account = Depends(get_current_account)):
    """POST a sample event to the URL the user typed and report what came back."""
    payload = {
        "event": body.event,
        "account_id": account.id,
        "sent_at": dt.datetime.now(dt.timezone.utc).isoformat(),
        "data": {"message": "This is a test delivery"},
    }
    async with httpx.AsyncClient(timeout=5.0) as client:
        try:
            resp = await client.post(body.url, json=payload)
        except httpx.HTTPError as exc:
            return {"delivered": False, "error": type(exc).__name__}

    return {
        "delivered": resp.is_success,
        "status": resp.status_code,
        "response_preview": resp.text[:500],
    }
