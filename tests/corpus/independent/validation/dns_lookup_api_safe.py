"""DNS lookup helper endpoint for the internal network tools page."""
import re
import subprocess

from fastapi import FastAPI, HTTPException, Query

app = FastAPI()

ALLOWED_RECORD_TYPES = {"A", "AAAA", "MX", "TXT", "NS", "CNAME"}
DOMAIN_RE = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)(\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*\.?$")


@app.get("/tools/dig")
def dig(domain: str = Query(..., max_length=253), record_type: str = Query("A")):
    """Run dig for a domain and return the short answer section."""
    record_type = record_type.upper()
    if record_type not in ALLOWED_RECORD_TYPES:
        raise HTTPException(status_code=400, detail=f"unsupported record type {record_type}")
    if not DOMAIN_RE.match(domain):
        raise HTTPException(status_code=400, detail="invalid domain name")

    proc = subprocess.run(
        ["dig", "+short", record_type, domain],
        capture_output=True,
        text=True,
        timeout=10,
    )
    answers = [line.strip() for line in proc.stdout.splitlines() if line.strip()]
    return {"domain": domain, "type": record_type, "answers": answers}
