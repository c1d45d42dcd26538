"""Endpoint that cuts a short clip out of an uploaded video with ffmpeg."""
import asyncio
import uuid
from pathlib import Path

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, Field

router = APIRouter(prefix="/clips", tags=["clips"])

MEDIA_ROOT = Path("/srv/media/videos")
CLIP_ROOT = Path("/srv/media/clips")


class ClipRequest(BaseModel):
    video_id: uuid.UUID
    start: float = Field(0.0, ge=0, le=6 * 3600)
    duration: float = Field(15.0, gt=0, le=120)


@router.post("")
async def create_clip(req: ClipRequest):
    """Cut ``duration`` seconds starting at ``start`` and return the clip id."""
    source = MEDIA_ROOT / f"{req.video_id}.mp4"
    if not source.exists():
        raise HTTPException(status_code=404, detail="video not found")

    clip_id = uuid.uuid4()
    target = CLIP_ROOT / f"{clip_id}.mp4"

    proc = await asyncio.create_subprocess_exec(
        "ffmpeg", "-y",
        "-ss", f"{req.start:.3f}",
        "-t", f"{req.duration:.3f}",
        "-i", str(source),
        "-c", "copy", str(target),
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    _, stderr = await proc.communicate()
    if proc.returncode != 0:
        raise HTTPException(status_code=422, detail="ffmpeg could not cut the clip")

    return {"clip_id": str(clip_id)}
