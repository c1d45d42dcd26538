"""Upload endpoint for CI pipeline definitions (pipeline.yml)."""
import yaml
from fastapi import APIRouter, Depends, File, HTTPException, UploadFile

from app.auth import Project, get_project_for_maintainer
from app.pipelines import PipelineSpec, store_pipeline

router = APIRouter(prefix="/projects/{project_id}/pipeline", tags=["pipelines"])

MAX_SIZE = 256 * 1024


@router.put("")
async def upload_pipeline(
    file: UploadFile = File(...),
    project: Project = Depends(get_project_for_maintainer),
):
    """Validate and store a new pipeline definition for the project."""
    raw = await file.read()
    if len(raw) > MAX_SIZE:
        raise HTTPException(status_code=413, detail="pipeline file too large")

    try:
        document = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        raise HTTPException(status_code=422, detail=f"invalid YAML: {exc}")

    if not isinstance(document, dict) or "stages" not in document:
        raise HTTPException(status_code=422, detail="pipeline must define 'stages'")

    spec = PipelineSpec.model_validate(document)
    await store_pipeline(project.id, spec)
    return {"project": project.id, "stages": [s.name for s in spec.stages]}
