"""Workspace switcher used by the SPA's top navigation."""
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from workspaces.models import Membership, Project


@login_required
@require_POST
def switch_workspace(request):
    """Remember which workspace the user is working in for later requests."""
    workspace_id = request.headers.get("X-Workspace-ID")
    if not workspace_id or not workspace_id.isdigit():
        return JsonResponse({"error": "X-Workspace-ID header is required"}, status=400)

    is_member = Membership.objects.filter(
        user=request.user, workspace_id=int(workspace_id), is_active=True
    ).exists()
    if not is_member:
        return JsonResponse({"error": "workspace not found"}, status=404)

    request.session["workspace_id"] = int(workspace_id)
    return JsonResponse({"workspace_id": int(workspace_id)})


@login_required
def project_list(request):
    """Projects in the active workspace."""
    workspace_id = request.session.get("workspace_id")
    if workspace_id is None:
        return JsonResponse({"error": "no workspace selected"}, status=409)
    projects = Project.objects.filter(workspace_id=workspace_id).values("id", "name", "updated_at")
    return JsonResponse({"projects": list(projects)})
