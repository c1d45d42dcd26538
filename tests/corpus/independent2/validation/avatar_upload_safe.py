"""Profile avatar upload endpoint."""
import os
import uuid

from fastapi import APIRouter, Depends, File, HTTPException, UploadFile

from app.auth import User, get_current_user
from app.db import save_avatar_path

router = APIRouter(prefix="/profile", tags=["profile"])

AVATAR_DIR = os.environ.get("AVATAR_DIR", "/srv/static/avatars")
MAX_BYTES = 2 * 1024 * 1024
EXTENSIONS = {"image/png": ".png", "image/jpeg": ".jpg", "image/webp": ".webp"}


@router.post("/avatar")
async def upload_avatar(
    file: UploadFile = File(...), user: User = Depends(get_current_user)
):
    """Store the uploaded avatar and point the user's profile at it."""
    extension = EXTENSIONS.get(file.content_type)
    if extension is None:
        raise HTTPException(status_code=415, detail="Only PNG, JPEG or WebP images")

    contents = await file.read()
    if len(contents) > MAX_BYTES:
        raise HTTPException(status_code=413, detail="Avatar must be under 2 MB")

    stored_name = f"{user.id}-{uuid.uuid4().hex}{extension}"
    destination = os.path.join(AVATAR_DIR, stored_name)
    with open(destination, "wb") as out:
        out.write(contents)

    await save_avatar_path(user.id, destination)
    return {"avatar": f"/static/avatars/{stored_name}"}
