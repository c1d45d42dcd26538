from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.responses import PlainTextResponse

app = FastAPI()
LOG_DIR = Path("/var/log/myapp").resolve()


@app.get("/logs/{name}", response_class=PlainTextResponse)
def read_log(name: str):
    path = (LOG_DIR / name).resolve()
    if not path.is_relative_to(LOG_DIR) or not path.is_file():
        raise HTTPException(status_code=404)
    return path.read_text()
