"""Render customer-customisable invoice footers with Jinja2."""
from datetime import date

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from jinja2 import Environment, select_autoescape
from pydantic import BaseModel

app = FastAPI()
env = Environment(autoescape=select_autoescape(["html"]))


class InvoiceRequest(BaseModel):
    company: str
    invoice_number: str
    total: float
    footer_template: str = "Thank you for your business, {{ company }}!"


@app.post("/invoices/render", response_class=HTMLResponse)
def render_invoice(req: InvoiceRequest):
    """Render an invoice with the tenant's custom footer."""
    footer = env.from_string(req.footer_template).render(
        company=req.company,
        invoice_number=req.invoice_number,
        today=date.today().isoformat(),
    )
    base = env.from_string(
        "<h1>Invoice {{ number }}</h1><p>Total: {{ '%.2f' % total }}</p><footer>{{ footer }}</footer>"
    )
    return base.render(number=req.invoice_number, total=req.total, footer=footer)
