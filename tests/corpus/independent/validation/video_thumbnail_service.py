"""Async thumbnail generator for uploaded videos."""
import asyncio
from pathlib import Path

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

app = FastAPI()
MEDIA_ROOT = Path("/srv/media")
THUMB_ROOT = Path("/srv/media/thumbs")


class ThumbnailRequest(BaseModel):
    video_id: str
    timestamp: str = "00:00:03"
    width: int = 320


async def run_ffmpeg(video_id: str, timestamp: str, width: int) -> Path:
    source = MEDIA_ROOT / f"{video_id}.mp4"
    target = THUMB_ROOT / f"{video_id}.jpg"
    cmd = f"ffmpeg -y -ss {timestamp} -i {source} -vframes 1 -vf scale={width}:-1 {target}"
    proc = await asyncio.create_subprocess_shell(
        cmd,
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
