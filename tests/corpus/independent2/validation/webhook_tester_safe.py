"""'Send test event' button on the webhook settings page."""
import asyncio
import datetime as dt
import ipaddress
import socket
from urllib.parse import urlsplit

import httpx
from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, HttpUrl

from app.auth import Account, get_current_account

router = APIRouter(prefix="/webhooks", tags=["webhooks"])


class WebhookTest(BaseModel):
    url: HttpUrl
    event: str = "ping"


async def ensure_public_destination(url: str) -> None:
    """Reject non-HTTPS URLs and hosts that resolve to private/internal addresses."""
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        raise HTTPException(status_code=422, detail="webhook URL must use https")
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(parts.hostname, parts.port or 443, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise HTTPException(status_code=422, detail="webhook host does not resolve")
    for info in infos:
        if not ipaddress.ip_address(info[4][0]).is_global:
            raise HTTPException(status_code=422, detail="webhook host is not publicly routable")


@router.post("/test")
async def send_test_event(body: WebhookTest, account: Account = Depends(get_current_account)):
    """POST a sample event to the URL the user typed and report what came back."""
    url = str(body.url)
    await ensure_public_destination(url)
    payload = {
        "event": body.event,
        "account_id": account.id,
        "sent_at": dt.datetime.now(dt.timezone.utc).isoformat(),
        "data": {"message": "This is a test delivery"},
    }
    async with httpx.AsyncClient(timeout=5.0, follow_redirects=False) as client:
        try:
            resp = await client.post(url, json=payload)
        except httpx.HTTPError as exc:
            return {"delivered": False, "error": type(exc).__name__}

    return {
        "delivered": resp.is_success,
        "status": resp.status_code,
        "response_preview": resp.text[:500],
    }
