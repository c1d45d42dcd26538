import os

import requests


def fetch_report(report_id: int) -> dict:
    headers = {"Authorization": "Bearer " + os.environ["REPORTING_TOKEN"]}
    return requests.get(f"https://reports.internal/api/{report_id}", headers=headers, timeout=10).json()
