import os

from fastapi import FastAPI

app = FastAPI()


@app.post("/convert")
async def convert(filename: str, fmt: str = "png"):
    """Convert an uploaded image with ImageMagick."""
    os.popen(f"convert uploads/{filename} converted/{filename}.{fmt}").read()
    return {"status": "converted"}
