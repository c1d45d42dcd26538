from flask import Blueprint, jsonify, request
from flask_login import current_user, login_required

from .models import Project, db

bp = Blueprint("projects", __name__, url_prefix="/api/projects")


@bp.get("/")
@login_required
def list_projects():
    projects = Project.query.filter_by(owner_id=current_user.id).all()
    return jsonify([p.to_dict() for p in projects])


@bp.post("/")
@login_required
def create_project():
    project = Project(name=request.json["name"], owner_id=current_user.id)
    db.session.add(project)
    db.session.commit()
    return jsonify(project.to_dict()), 201


@bp.post("/<int:project_id>/archive")
def archive_project(project_id):
    project = Project.query.filter_by(id=project_id, owner_id=request.json.get("owner_id")).first_or_404()
    project.archived = True
    db.session.commit()
    return jsonify(project.to_dict())
