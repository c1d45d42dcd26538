import urllib.request
from urllib.parse import urlparse

import httpx
import requests
from flask import Flask, request

app = Flask(__name__)
ALLOWED_HOSTS = {"api.example.com"}


@app.route("/fetch")
def fetch():
    url = request.args.get("url")
    # ruleid: python.ssrf.request
    return requests.get(url, timeout=5).text


@app.route("/fetch2")
def fetch_allowed():
    url = request.args.get("url")
    if urlparse(url).hostname not in ALLOWED_HOSTS:
        return "forbidden", 403
    # ok: python.ssrf.request
    return requests.get(url, timeout=5).text


@app.route("/user")
def user():
    uid = request.args.get("id")
    # ok: python.ssrf.request
    return requests.get(f"https://api.example.com/users/{uid}", timeout=5).text


@app.post("/preview")
async def preview(link: str):
    async with httpx.AsyncClient() as client:
        pass
    # ruleid: python.ssrf.request
    return httpx.get(link).text


@app.route("/image")
def image():
    # ruleid: python.ssrf.request
    return urllib.request.urlopen(request.json["src"]).read()


@app.post("/hooks/test")
async def test_hook(callback_url: str):
    async with httpx.AsyncClient() as client:
        # ruleid: python.ssrf.request
        r = await client.post(callback_url, json={})
    return {"delivered": r.status_code}


@app.route("/preview")
def preview_checked():
    parsed = urlparse(request.args.get("url", ""))
    if parsed.scheme != "https" or parsed.hostname not in ALLOWED_HOSTS:
        return "forbidden", 403
    # ok: python.ssrf.request
    return requests.get(f"https://{parsed.hostname}{parsed.path}", timeout=5).text


CALLBACKS = {"billing": "https://billing.internal.example/hook"}


@app.post("/hooks/registered")
async def registered_hook(target: str):
    url = CALLBACKS.get(target)
    async with httpx.AsyncClient() as client:
        # ok: python.ssrf.request
        r = await client.post(url, json={})
    return {"delivered": r.status_code}


# One call away: the view passes the URL to a helper in the same file.
@app.route("/img-proxy")
def image_proxy():
    src = request.args.get("src")
    # ruleid: python.ssrf.request
    return fetch_image(src)


@app.route("/img-proxy2")
def image_proxy_fixed_host():
    name = request.args.get("name")
    # ok: python.ssrf.request
    return fetch_image("https://cdn.example.com/" + secure_filename(name))


def fetch_image(url):
    resp = requests.get(url, timeout=5)
    return resp.content


ALLOWED_IMAGE_HOSTS = {"cdn.example.com"}


@app.route("/img-proxy3")
def image_proxy_checked_in_helper():
    src = request.args.get("src")
    # ok: python.ssrf.request
    return fetch_image_checked(src)


def fetch_image_checked(url):
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.hostname not in ALLOWED_IMAGE_HOSTS:
        abort(400)
    return requests.get(url, timeout=5).content


@app.route("/img-proxy4")
def image_proxy_checks_after():
    src = request.args.get("src")
    # ruleid: python.ssrf.request
    return fetch_image_then_check_type(src)


def fetch_image_then_check_type(url):
    resp = requests.get(url, timeout=5)
    if resp.headers.get("Content-Type") not in RASTER_TYPES:
        abort(415)
    return resp.content
