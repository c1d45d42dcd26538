import httpx
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

app = FastAPI()
REGISTERED_CALLBACKS = {"billing": "https://billing.internal.example/hook"}


class Hook(BaseModel):
    target: str
    payload: dict


@app.post("/hooks/test")
async def test_hook(hook: Hook):
    url = REGISTERED_CALLBACKS.get(hook.target)
    if url is None:
        raise HTTPException(404, "unknown target")
    async with httpx.AsyncClient() as client:
        r = await client.post(url, json=hook.payload)
    return {"delivered": r.status_code}
