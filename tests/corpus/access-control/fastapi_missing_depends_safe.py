from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from ..auth import get_current_user
from ..db import get_db
from ..models import Invoice, User

router = APIRouter(prefix="/invoices", tags=["invoices"])


@router.get("/")
def list_invoices(db: Session = Depends(get_db), user: User = Depends(get_current_user)):
    return db.query(Invoice).filter(Invoice.customer_id == user.id).all()


@router.get("/export")
def export_invoices(db: Session = Depends(get_db), user: User = Depends(get_current_user)):
    """Export the caller's invoices as CSV rows."""
    return [inv.to_csv_row() for inv in db.query(Invoice).filter(Invoice.customer_id == user.id)]


@router.post("/")
def create_invoice(amount: int, db: Session = Depends(get_db), user: User = Depends(get_current_user)):
    inv = Invoice(customer_id=user.id, amount=amount)
    db.add(inv)
    db.commit()
    return inv
