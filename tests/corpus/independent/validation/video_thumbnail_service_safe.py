"""Async thumbnail generator for uploaded videos."""
import asyncio
from pathlib import Path

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel, Field

app = FastAPI()
MEDIA_ROOT = Path("/srv/media")
THUMB_ROOT = Path("/srv/media/thumbs")


class ThumbnailRequest(BaseModel):
    video_id: str = Field(..., pattern=r"^[A-Za-z0-9_-]{1,64}$")
    timestamp: str = Field("00:00:03", pattern=r"^\d{2}:\d{2}:\d{2}(\.\d{1,3})?$")
    width: int = Field(320, ge=16, le=1920)


async def run_ffmpeg(video_id: str, timestamp: str, width: int) -> Path:
    source = MEDIA_ROOT / f"{video_id}.mp4"
    target = THUMB_ROOT / f"{video_id}.jpg"
    proc = await asyncio.create_subprocess_exec(
        "ffmpeg", "-y", "-ss", timestamp, "-i", str(source),
        "-vframes", "1", "-vf", f"scale={width}:-1", str(target),
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    _, stderr = await proc.communicate()
    if proc.returncode != 0:
        raise RuntimeError(stderr.decode(errors="replace")[-500:])
    return target


@app.post("/thumbnails")
async def create_thumbnail(req: ThumbnailRequest):
    """Generate a JPEG thumbnail at the requested timestamp."""
    try:
        path = await run_ffmpeg(req.video_id, req.timestamp, req.width)
    except RuntimeError as exc:
        raise HTTPException(status_code=500, detail=str(exc))
    return {"thumbnail": f"/media/thumbs/{path.name}"}
