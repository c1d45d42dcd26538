"""DNS lookup helper endpoint for the internal network tools page."""
import os

from fastapi import FastAPI, Query

app = FastAPI()

ALLOWED_RECORD_TYPES = {"A", "AAAA", "MX", "TXT", "NS", "CNAME"}


@app.get("/tools/dig")
def dig(domain: str = Query(...), record_type: str = Query("A")):
    """Run dig for a domain and return the short answer section."""
    record_type = record_type.upper()
    if record_type not in ALLOWED_RECORD_TYPES:
        return {"error": f"unsupported record type {record_type}"}

    command = "dig +short " + record_type + " " + domain
    with os.popen(command) as stream:
        answers = [line.strip() for line in stream if line.strip()]
    return {"domain": domain, "type": record_type, "answers": answers}
