"""Mint short-lived installation tokens for our GitHub App."""
import time

import jwt
import requests

GITHUB_API = "https://api.github.com"
APP_ID = "914362"

APP_PRIVATE_KEY = """-----BEGIN RSA PRIVATE KEY-----
MIIEowIBAAKCAQEAEalFpXKha0Ov2uT5i2uYQ47w9++AzDkUyVmlLQ1O+5xQCKPS
e5hGaleHYIByleNEzg+Ktq2n1sk/6KvTxBhwLrxsQwYhFmDIUXLv29HZBA8iqGnE
m8f7NJFzOi0zbamT+Sbr4b0zG6QxjJ2iiaW5YzYP598vXNEs84vAjoj232NyP8MZ
S3xGUJaROo1rYNDEcmEIBSGBnizDenjKq8K/okZ+zve1/kInywhRUmslk+yMGSKC
h6wDOxHY9oHI7t91AvVheVv7SIgCwbqMRwdL/8NYrjScO2HCuLEZW+X8/BtjXgHG
t3K5wxLKk5pG0xwr1+GTosnGMnLsiTrSY3eKPA2/V2bMudif5ON+bVQE7geAozlz
bgPjEHGWxAdNLEO+Gn1ulEbAipHFhMCIGRVTbFf7dLF9DZV7eRAaJSnUrNlAyoTf
s6qPsTwvErBApYlDMqteXz/JenNcdSy9XwtC65wQIve4tcjC5d8soqKfZMl+2oAz
nZ9K+GxwTDbpo/g7XXNIeeAna+rLNpu0RdF/VvRNTS65DkqctXPlEfCoeGihrsgJ
9UGAlnfMpDIXcC6toKVHCneTBsYwmqnIkiI6x88aPa/PhaQWxMagp3XrBcEp3hif
86jYgRM5K23XcOos7pF+5Hy4ZMFkdkIfk+DvBKLdEVz7OTJxKuffbnwRq3nzi1Ty
E2WfILuHldjraYsIFfnL6+ap5gF5qg1zoVPx7VrqKR0XWehjG2jqMT8N9N+bk3tD
jWo3RnysyosZ6a+5u9PTvhCqmsXQOWpgkoUuh3gDo/Ew4HKfLVkoQpgIwFgvCrer
Nrab7IBjzoe9PWoAdOcIU0lmC2SDO+S5/HY11ACUyeDN0xrOUVgpn/TpqaJbP8Yi
lL+PalgBWjy0BIdn+Je0cdJF9c5o2v1THOBPwaYjVIZh5h/QrydffVxMAF881Qag
jux6JwRaY9OB7ilwmDoSu/v6LDxIkUVTQMdez4fE3o2UqFGtg0xbXRQ8nA1NTwh3
/iVJrucfrZsEUqNYpv7jFUy1U4Msiq5gs/oQxZ6ABa3PedF9Kc5EYIKT8Z/Olh4j
7VWqGbIOeiDp1m/YOtrWf8QnsovgquinArpT54dOyEl9WQRXUIIQeeCMFVU2a+8b
8hw1pteAue4gdHB/FRfa0hj7Vu/y1CdzkEUcySIesmbHVHDMyoe5+58xdtKZNvXL
mVRAj2SZ5oYuX4Ra8jy8PXB3N+l7MWU4TsIGaNfPdiCsBjB6ks7oOofSSZqR4rdZ
xt+ReOjs8W4R7u6tvtWvhNEEpNRzPhClrs1BifmISffxcNaa0aBGjL979AYJYk9W
40Ve/500kfZNdn0yAukJvIRAqJObBvPib6Sx6An3NbDfIGkH1oB9oxZdglA0Q8yL
MsOc80OXNlscQ6UNdZBdq2X0vngOwbKgXo25+HIgqQkl8GdMKGuNV464U+OtfUwO
Qq6PT3PlihGLtafWoIWfuV1fipIhD8O8C+mTGt6pTZuGv0dJkYLYbrnzpRIgCLCy
-----END RSA PRIVATE KEY-----
"""


def app_jwt():
    """JWT that authenticates as the App itself (valid for 9 minutes)."""
    now = int(time.time())
    payload = {"iat": now - 60, "exp": now + 9 * 60, "iss": APP_ID}
    return jwt.encode(payload, APP_PRIVATE_KEY, algorithm="RS256")


def installation_token(installation_id):
    """Exchange the App JWT for an installation access token."""
    resp = requests.post(
        f"{GITHUB_API}/app/installations/{installation_id}/access_tokens",
        headers={
            "Authorization": f"Bearer {app_jwt()}",
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28",
        },
        timeout=10,
    )
    resp.raise_for_status()
    return resp.json()["token"]
