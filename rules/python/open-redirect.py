from urllib.parse import urlparse

from django.http import HttpResponseRedirect
from fastapi.responses import RedirectResponse
from flask import Flask, redirect, request, url_for

app = Flask(__name__)


@app.route("/login")
def login():
    target = request.args.get("next")
    # ruleid: python.redirect.open
    return redirect(target)


@app.route("/login2")
def login_checked():
    target = request.args.get("next", "/")
    if urlparse(target).netloc or target.startswith("//"):
        target = "/"
    # ok: python.redirect.open
    return redirect(target)


@app.route("/login3")
def login_named():
    # ok: python.redirect.open
    return redirect(url_for(request.args.get("page", "index")))


@app.route("/login4")
def login_local_path():
    # ok: python.redirect.open
    return redirect("/profile/" + request.args["user"])


@app.get("/go")
async def go(url: str):
    # ruleid: python.redirect.open
    return RedirectResponse(url)


def django_go(request):
    # ruleid: python.redirect.open
    return HttpResponseRedirect(request.GET["to"])


def is_local_path(target):
    return bool(target) and target.startswith("/") and not target.startswith("//")


@app.route("/login2", methods=["POST"])
def login_local_only():
    next_url = request.args.get("next")
    if not is_local_path(next_url):
        next_url = None
    # ok: python.redirect.open
    return redirect(next_url or "/")


@app.route("/logout2")
def logout_allowed_hosts():
    return_to = request.args.get("return_to")
    if not return_to or not url_has_allowed_host_and_scheme(return_to, allowed_hosts={"example.com"}):
        return_to = "/"
    # ok: python.redirect.open
    return redirect(return_to)
