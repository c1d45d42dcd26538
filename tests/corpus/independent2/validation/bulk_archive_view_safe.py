"""Bulk archive action for the document list page."""
import json

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from documents.models import Document


def parse_id_list(raw):
    """Turn the ``ids`` form value, e.g. "[12, 15, 18]", into a list of ints."""
    ids = json.loads(raw)
    if not isinstance(ids, list) or len(ids) > 500:
        raise ValueError("ids must be a list of at most 500 items")
    return [int(i) for i in ids]


@login_required
@require_POST
def bulk_archive(request):
    """Archive every selected document that belongs to the current user."""
    raw_ids = request.POST.get("ids", "[]")
    try:
        ids = parse_id_list(raw_ids)
    except (ValueError, TypeError):
        return JsonResponse({"error": "ids must be a JSON list of integers"}, status=400)

    updated = (
        Document.objects.filter(owner=request.user, pk__in=ids, archived=False)
        .update(archived=True)
    )
    return JsonResponse({"archived": updated})
