from fastapi import FastAPI, Depends

from .security import verify_api_key
from .services import metrics, reset_cache

app = FastAPI()


@app.get("/health")
def health():
    return {"status": "ok"}


@app.get("/stats", dependencies=[Depends(verify_api_key)])
def stats():
    return metrics.snapshot()


@app.post("/cache/reset", dependencies=[Depends(verify_api_key)])
def cache_reset():
    reset_cache()
    return {"reset": True}
