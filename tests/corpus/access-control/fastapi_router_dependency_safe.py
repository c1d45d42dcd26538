from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from ..auth import get_current_user
from ..db import get_db
from ..models import AuditEvent

router = APIRouter(prefix="/audit", dependencies=[Depends(get_current_user)])


@router.get("/events")
def list_events(db: Session = Depends(get_db)):
    return db.query(AuditEvent).order_by(AuditEvent.created_at.desc()).limit(100).all()


@router.post("/events/export")
def export_events(db: Session = Depends(get_db)):
    return [e.to_row() for e in db.query(AuditEvent).all()]
