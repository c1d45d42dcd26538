"""Generate link previews (title + description) for chat messages."""
import httpx
from bs4 import BeautifulSoup
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

app = FastAPI()


class PreviewRequest(BaseModel):
    url: str


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
    async with httpx.AsyncClient(timeout=5, follow_redirects=True) as client:
        try:
            resp = await client.get(req.url, headers={"User-Agent": "ChatPreviewBot/1.0"})
        except httpx.HTTPError as exc:
            raise HTTPException(status_code=502, detail=f"fetch failed: {exc}")
    return {"url": req.url, **extract_meta(resp.text[:500_000])}
