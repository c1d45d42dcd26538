"""Customer-facing invoice endpoints."""
from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import StreamingResponse
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import User, get_current_user
from app.db import get_session
from app.models import Invoice
from app.pdf import render_invoice_pdf
from app.schemas import InvoiceOut

router = APIRouter(prefix="/invoices", tags=["invoices"])


@router.get("", response_model=list[InvoiceOut])
async def list_my_invoices(
    user: User = Depends(get_current_user), session: AsyncSession = Depends(get_session)
):
    result = await session.execute(
        select(Invoice).where(Invoice.customer_id == user.id).order_by(Invoice.issued_at.desc())
    )
    return result.scalars().all()


@router.get("/{invoice_id}/pdf")
async def download_invoice_pdf(
    invoice_id: int,
    user: User = Depends(get_current_user),
    session: AsyncSession = Depends(get_session),
):
    """Render one invoice as a PDF download."""
    result = await session.execute(
        select(Invoice).where(Invoice.id == invoice_id, Invoice.customer_id == user.id)
    )
    invoice = result.scalar_one_or_none()
    if invoice is None:
        raise HTTPException(status_code=404, detail="Invoice not found")

    pdf_stream = render_invoice_pdf(invoice)
    return StreamingResponse(
        pdf_stream,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="invoice-{invoice.number}.pdf"'},
    )
