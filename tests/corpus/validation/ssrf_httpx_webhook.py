import httpx
from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Hook(BaseModel):
    callback_url: str
    payload: dict


@app.post("/hooks/test")
async def test_hook(hook: Hook):
    async with httpx.AsyncClient() as client:
        r = await client.post(hook.callback_url, json=hook.payload)
    return {"delivered": r.status_code}
