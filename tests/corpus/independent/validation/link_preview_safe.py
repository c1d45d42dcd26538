"""Generate link previews (title + description) for chat messages."""
import asyncio
import ipaddress
import socket
from urllib.parse import urlparse

import httpx
from bs4 import BeautifulSoup
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

app = FastAPI()


class PreviewRequest(BaseModel):
    url: str


async def assert_public_url(url: str) -> None:
    """Reject non-http(s) URLs and hosts that resolve to private/internal addresses."""
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise HTTPException(status_code=400, detail="only http(s) URLs are allowed")
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    infos = await asyncio.get_running_loop().getaddrinfo(parsed.hostname, port, type=socket.SOCK_STREAM)
    for info in infos:
        addr = ipaddress.ip_address(info[4][0])
        if not addr.is_global:
            raise HTTPException(status_code=400, detail="URL points to a non-public address")


def extract_meta(html: str) -> dict:
    soup = BeautifulSoup(html, "html.parser")

    def meta(prop):
        tag = soup.find("meta", property=prop) or soup.find("meta", attrs={"name": prop})
        return tag["content"] if tag and tag.has_attr("content") else None

    return {
        "title": meta("og:title") or (soup.title.string if soup.title else None),
        "description": meta("og:description") or meta("description"),
        "image": meta("og:image"),
    }


@app.post("/previews")
async def link_preview(req: PreviewRequest):
    """Fetch the page and return OpenGraph metadata."""
    await assert_public_url(req.url)
    # Redirects are not followed so a public URL cannot bounce to an internal one.
    async with httpx.AsyncClient(timeout=5, follow_redirects=False) as client:
        try:
            resp = await client.get(req.url, headers={"User-Agent": "ChatPreviewBot/1.0"})
        except httpx.HTTPError as exc:
            raise HTTPException(status_code=502, detail=f"fetch failed: {exc}")
    return {"url": req.url, **extract_meta(resp.text[:500_000])}
