import yaml
from fastapi import FastAPI, UploadFile

app = FastAPI()


@app.post("/config/import")
async def import_config(file: UploadFile):
    content = await file.read()
    config = yaml.safe_load(content)
    return {"keys": sorted(config)}
