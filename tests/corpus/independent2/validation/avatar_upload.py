"""Profile avatar upload endpoint."""
import os

from fastapi import APIRouter, Depends, File, HTTPException, UploadFile

from app.auth import User, get_current_user
from app.db import save_avatar_path

router = APIRouter(prefix="/profile", tags=["profile"])

AVATAR_DIR = os.environ.get("AVATAR_DIR", "/srv/static/avatars")
MAX_BYTES = 2 * 1024 * 1024
ALLOWED_TYPES = {"image/png", "image/jpeg", "image/webp"}


@router.post("/avatar")
async def upload_avatar(
    file: UploadFile = File(...), user: User = Depends(get_current_user)
):
    """Store the uploaded avatar and point the user's profile at it."""
    if file.content_type not in ALLOWED_TYPES:
        raise HTTPException(status_code=415, detail="Only PNG, JPEG or WebP images")

    contents = await file.read()
    if len(contents) > MAX_BYTES:
        raise HTTPException(status_code=413, detail="Avatar must be under 2 MB")

    destination = os.path.join(AVATAR_DIR, file.filename)
    with open(destination, "wb") as out:
        out.write(contents)

    await save_avatar_path(user.id, destination)
    return {"avatar": f"/static/avatars/{file.filename}"}
