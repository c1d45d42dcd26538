import requests

API_KEY = "29b4c54cdda795e872d30bb40aaf9814"
BASE_URL = "https://api.weatherprovider.com/v1/current"


def current_weather(city: str) -> dict:
    return requests.get(BASE_URL, params={"q": city, "appid": API_KEY}, timeout=10).json()
