"""Preview endpoint for tenant-customisable notification emails."""
from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import HTMLResponse
from jinja2 import TemplateSyntaxError, select_autoescape
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from pydantic import BaseModel, Field

from app.auth import require_tenant_admin

router = APIRouter(prefix="/email-templates", tags=["email"])

jinja_env = SandboxedEnvironment(autoescape=select_autoescape(default=True))

SAMPLE_CONTEXT = {
    "customer": {"first_name": "Jordan", "last_name": "Lee"},
    "order": {"number": "A-10442", "total": "49.90", "currency": "EUR"},
    "shop_name": "Demo Shop",
}


class TemplatePreview(BaseModel):
    subject: str = Field(..., max_length=200)
    body: str = Field(..., max_length=20_000)


@router.post("/preview", response_class=HTMLResponse, dependencies=[Depends(require_tenant_admin)])
async def preview_template(payload: TemplatePreview):
    """Render the tenant's draft template against sample order data."""
    try:
        template = jinja_env.from_string(payload.body)
        return template.render(**SAMPLE_CONTEXT)
    except TemplateSyntaxError as exc:
        raise HTTPException(status_code=422, detail=f"Template error on line {exc.lineno}")
    except SecurityError:
        raise HTTPException(status_code=422, detail="Template uses a disallowed expression")
