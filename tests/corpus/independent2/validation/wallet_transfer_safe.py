"""Peer-to-peer wallet transfers."""
from decimal import Decimal

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import User, get_current_user
from app.db import get_session
from app.wallets import InsufficientFunds, move_funds

router = APIRouter(prefix="/wallet", tags=["wallet"])


class TransferRequest(BaseModel):
    recipient_id: int = Field(gt=0)
    amount: Decimal = Field(gt=0, le=Decimal("10000"), max_digits=12, decimal_places=2)
    note: str | None = Field(default=None, max_length=140)


@router.post("/transfers", status_code=201)
async def create_transfer(
    req: TransferRequest,
    user: User = Depends(get_current_user),
    session: AsyncSession = Depends(get_session),
):
    """Move ``amount`` from the caller's wallet to another user's wallet."""
    if req.recipient_id == user.id:
        raise HTTPException(status_code=400, detail="cannot transfer to yourself")
    try:
        transfer = await move_funds(
            session,
            sender_id=user.id,
            recipient_id=req.recipient_id,
            amount=req.amount,
            note=req.note,
        )
    except InsufficientFunds:
        raise HTTPException(status_code=409, detail="insufficient balance")
    await session.commit()
    return {"id": transfer.id, "amount": str(transfer.amount), "status": transfer.status}
