import os

import jwt
from django.views.decorators.csrf import csrf_exempt
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from flask import Flask, make_response, request
from flask_cors import CORS

app = Flask(__name__)
api = FastAPI()
KEY = os.environ["JWT_KEY"]


def current_user(token):
    # ruleid: python.jwt.unverified
    return jwt.decode(token, options={"verify_signature": False})


def current_user_none(token):
    # ruleid: python.jwt.unverified
    return jwt.decode(token, KEY, algorithms=["HS256", "none"])


def current_user_ok(token):
    # ok: python.jwt.unverified
    return jwt.decode(token, KEY, algorithms=["HS256"])


# ruleid: python.cors.wildcard-credentials
api.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True, allow_methods=["*"])
# ok: python.cors.wildcard-credentials
api.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], allow_credentials=True)
# ruleid: python.cors.wildcard-credentials
CORS(app, supports_credentials=True)
# ok: python.cors.wildcard-credentials
CORS(app, origins=["https://app.example.com"], supports_credentials=True)
# ok: python.cors.wildcard-credentials
CORS(app)


@app.route("/cors")
def manual_cors():
    resp = make_response("ok")
    resp.headers["Access-Control-Allow-Credentials"] = "true"
    # ruleid: python.cors.wildcard-credentials
    resp.headers["Access-Control-Allow-Origin"] = request.headers.get("Origin")
    return resp


@app.route("/login", methods=["POST"])
def login():
    resp = make_response("ok")
    # ruleid: python.cookie.insecure
    resp.set_cookie("session", "abc")
    # ok: python.cookie.insecure
    resp.set_cookie("session", "abc", secure=True, httponly=True, samesite="Lax")
    # ok: python.cookie.insecure
    resp.set_cookie("session", "", expires=0)
    return resp


def copy_jar(jar, cookie):
    # ok: python.cookie.insecure
    jar.set_cookie(cookie)


# ruleid: python.cookie.insecure
SESSION_COOKIE_SECURE = False
# ruleid: python.debug.enabled
DEBUG = True
# ruleid: python.csrf.disabled
WTF_CSRF_ENABLED = False
# ruleid: python.csrf.disabled
app.config["WTF_CSRF_ENABLED"] = False


# ruleid: python.csrf.disabled
@csrf_exempt
def webhook(request):
    return None


# ok: python.csrf.disabled
WTF_CSRF_ENABLED = True


def not_settings():
    # ok: python.debug.enabled
    DEBUG = True
    return DEBUG


if __name__ == "__main__":
    # ruleid: python.debug.enabled
    app.run(host="0.0.0.0", debug=True)
    # ok: python.debug.enabled
    app.run(debug=os.environ.get("FLASK_DEBUG") == "1")
