"""Order lookup API backed by Postgres via asyncpg."""
import os

import asyncpg
from fastapi import APIRouter, Depends, HTTPException

from app.auth import CurrentUser, get_current_user

router = APIRouter(prefix="/orders", tags=["orders"])

_pool: asyncpg.Pool | None = None


async def get_pool() -> asyncpg.Pool:
    """Create the connection pool on first use and reuse it afterwards."""
    global _pool
    if _pool is None:
        _pool = await asyncpg.create_pool(dsn=os.environ["DATABASE_URL"], max_size=10)
    return _pool


@router.get("/by-reference/{reference}")
async def order_by_reference(
    reference: str,
    user: CurrentUser = Depends(get_current_user),
    pool: asyncpg.Pool = Depends(get_pool),
):
    """Return one of the caller's orders by its public reference code."""
    sql = (
        "SELECT id, reference, status, total_cents, created_at FROM orders "
        "WHERE customer_id = $1 AND reference = $2"
    )
    async with pool.acquire() as conn:
        row = await conn.fetchrow(sql, user.id, reference.upper())
    if row is None:
        raise HTTPException(status_code=404, detail="Order not found")
    return {
        "id": row["id"],
        "reference": row["reference"],
        "status": row["status"],
        "total": row["total_cents"] / 100,
        "created_at": row["created_at"].isoformat(),
    }
