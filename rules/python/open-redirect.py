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
