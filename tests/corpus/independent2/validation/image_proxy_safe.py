"""Image proxy so product pages can show partner images over our own domain."""
from urllib.parse import urlsplit

import requests
from flask import Flask, Response, abort, request

app = Flask(__name__)

MAX_BYTES = 5 * 1024 * 1024
RASTER_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp"}
ALLOWED_IMAGE_HOSTS = {"images.partner-cdn.com", "media.supplier-assets.net", "cdn.shopify.com"}


def fetch_image(url):
    """Download an image and return (bytes, content_type)."""
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.hostname not in ALLOWED_IMAGE_HOSTS:
        abort(400)
    resp = requests.get(url, timeout=5, stream=True, allow_redirects=False)
    resp.raise_for_status()
    content_type = resp.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if content_type not in RASTER_TYPES:
        abort(415)
    body = resp.raw.read(MAX_BYTES + 1, decode_content=True)
    if len(body) > MAX_BYTES:
        abort(413)
    return body, content_type


@app.route("/img-proxy")
def image_proxy():
    src = request.args.get("src")
    if not src:
        abort(400)
    body, content_type = fetch_image(src)
    return Response(body, content_type=content_type, headers={"Cache-Control": "public, max-age=86400"})
