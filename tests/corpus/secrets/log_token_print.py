import os

import requests


def refresh_access_token(client_id: str, client_secret: str) -> str:
    resp = requests.post("https://auth.example.com/oauth/token", data={"grant_type": "client_credentials",
                         "client_id": client_id, "client_secret": client_secret}, timeout=10)
    access_token = resp.json()["access_token"]
    print("Got new access token:", access_token)
    return access_token
