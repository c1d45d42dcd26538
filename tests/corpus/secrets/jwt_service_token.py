import requests

# long-lived service token for the reporting API
SERVICE_JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiAic3ZjLXJlcG9ydGluZyIsICJyb2xlIjogImFkbWluIiwgImlhdCI6IDE3NjcyMjU2MDB9.S8J1gDXeKSEgQlECLcNyccFbij43r6SC2oPU4yRMEZ6"


def fetch_report(report_id: int) -> dict:
    headers = {"Authorization": "Bearer " + SERVICE_JWT}
    return requests.get(f"https://reports.internal/api/{report_id}", headers=headers, timeout=10).json()
