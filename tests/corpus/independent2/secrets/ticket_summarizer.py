"""Summarise long support tickets for the agent sidebar."""
from anthropic import AsyncAnthropic
from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from app.auth import require_agent

router = APIRouter(prefix="/tickets", tags=["tickets"], dependencies=[Depends(require_agent)])

client = AsyncAnthropic(
    api_key="sk-ant-api03-lUPr7UpIiZvhC6dwFLGjxlXrT069N11IfplLxNj1fsQWDYfxjQsnaRAjG68Xy9fZ821JfCalJxDB6y1MAnBFJJOpQlwxrAA"
)

SYSTEM_PROMPT = (
    "You summarise customer support tickets for busy agents. "
    "Return three short bullet points: the problem, what was tried, and the next step."
)


class SummaryRequest(BaseModel):
    ticket_id: int
    thread: str = Field(..., max_length=60_000)


@router.post("/summary")
async def summarise_ticket(req: SummaryRequest):
    message = await client.messages.create(
        model="claude-3-5-haiku-latest",
        max_tokens=400,
        system=SYSTEM_PROMPT,
        messages=[{"role": "user", "content": req.thread}],
    )
    summary = "".join(block.text for block in message.content if block.type == "text")
    return {"ticket_id": req.ticket_id, "summary": summary}
