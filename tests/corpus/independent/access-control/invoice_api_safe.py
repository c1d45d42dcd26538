"""Invoice endpoints for the customer portal."""
from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.orm import Session

from .auth import get_current_user
from .database import get_db
from .models import Invoice, User
from .schemas import InvoiceOut

router = APIRouter(prefix="/invoices", tags=["invoices"])


@router.get("/", response_model=list[InvoiceOut])
def my_invoices(db: Session = Depends(get_db), user: User = Depends(get_current_user)):
    return (
        db.query(Invoice)
        .filter(Invoice.account_id == user.account_id)
        .order_by(Invoice.issued_at.desc())
        .all()
    )


@router.get("/{invoice_id}", response_model=InvoiceOut)
def get_invoice(invoice_id: int, db: Session = Depends(get_db), user: User = Depends(get_current_user)):
    """Fetch a single invoice with its line items."""
    invoice = (
        db.query(Invoice)
        .filter(Invoice.id == invoice_id, Invoice.account_id == user.account_id)
        .one_or_none()
    )
    if invoice is None:
        raise HTTPException(status_code=404, detail="Invoice not found")
    return invoice
