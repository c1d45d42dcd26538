import subprocess
from pathlib import Path

from fastapi import FastAPI, HTTPException

app = FastAPI()
UPLOADS = Path("uploads").resolve()
FORMATS = {"png", "jpg", "webp"}


@app.post("/convert")
async def convert(filename: str, fmt: str = "png"):
    """Convert an uploaded image with ImageMagick."""
    if fmt not in FORMATS:
        raise HTTPException(400, "unsupported format")
    src = (UPLOADS / filename).resolve()
    if not src.is_relative_to(UPLOADS):
        raise HTTPException(400, "bad filename")
    subprocess.run(["convert", str(src), f"converted/{src.stem}.{fmt}"], check=True)
    return {"status": "converted"}
