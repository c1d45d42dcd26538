"""FastAPI service exposing a customer search endpoint backed by PostgreSQL."""
import os

import psycopg
from fastapi import Depends, FastAPI, Query
from psycopg.rows import dict_row

from .auth import require_staff_user

app = FastAPI(title="CRM search")

DSN = os.environ.get("DATABASE_URL", "postgresql://localhost/crm")


def get_connection():
    return psycopg.connect(DSN, row_factory=dict_row)


@app.get("/customers/search")
def search_customers(
    name: str = Query(..., min_length=1),
    limit: int = Query(20, ge=1, le=100),
    staff=Depends(require_staff_user),
):
    """Case-insensitive prefix search on customer name."""
    sql = "SELECT id, name, email, city FROM customers WHERE name ILIKE '%s%%' ORDER BY name LIMIT %d" % (
        name,
        limit,
    )
    with get_connection() as conn, conn.cursor() as cur:
        cur.execute(sql)
        results = cur.fetchall()
    return {"count": len(results), "results": results}
