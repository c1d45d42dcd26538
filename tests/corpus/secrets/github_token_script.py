import requests

GITHUB_TOKEN = "ghp_wEchSXmmtS0UCeKgicXs7aDOulnUUIqBtAUm"
HEADERS = {"Authorization": f"token {GITHUB_TOKEN}", "Accept": "application/vnd.github+json"}


def list_issues(repo: str):
    r = requests.get(f"https://api.github.com/repos/{repo}/issues", headers=HEADERS, timeout=10)
    r.raise_for_status()
    return r.json()
