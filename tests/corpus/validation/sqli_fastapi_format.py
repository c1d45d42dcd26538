from fastapi import FastAPI, Depends
from sqlalchemy import text
from sqlalchemy.orm import Session

from .database import get_db

app = FastAPI()


@app.get("/orders")
def list_orders(status: str, db: Session = Depends(get_db)):
    """Return all orders with the given status."""
    query = "SELECT * FROM orders WHERE status = '{}' ORDER BY created_at DESC".format(status)
    result = db.execute(text(query))
    return [dict(row._mapping) for row in result]
