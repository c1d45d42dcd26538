import requests

API_KEY = "your-api-key-here"  # replace with your key from the provider dashboard
BASE_URL = "https://api.weatherprovider.com/v1/current"


def current_weather(city: str) -> dict:
    return requests.get(BASE_URL, params={"q": city, "appid": API_KEY}, timeout=10).json()
