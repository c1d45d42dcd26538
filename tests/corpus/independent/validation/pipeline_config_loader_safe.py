"""Accept CI pipeline definitions uploaded by project maintainers."""
import yaml
from fastapi import FastAPI, File, HTTPException, UploadFile

app = FastAPI()

REQUIRED_KEYS = {"name", "stages"}


def parse_pipeline(text: str) -> dict:
    config = yaml.safe_load(text)
    if not isinstance(config, dict):
        raise ValueError("pipeline must be a mapping")
    missing = REQUIRED_KEYS - config.keys()
    if missing:
        raise ValueError(f"missing keys: {', '.join(sorted(missing))}")
    return config


@app.post("/projects/{project_id}/pipeline")
async def upload_pipeline(project_id: int, file: UploadFile = File(...)):
    """Validate and store a .pipeline.yml for the project."""
    content = (await file.read()).decode("utf-8")
    try:
        config = parse_pipeline(content)
    except (ValueError, yaml.YAMLError) as exc:
        raise HTTPException(status_code=422, detail=str(exc))
    stages = [stage.get("name", "unnamed") for stage in config["stages"]]
    return {"project_id": project_id, "pipeline": config["name"], "stages": stages}
