from django.contrib.auth.decorators import login_required, permission_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404

from .models import Report


@login_required
def report_list(request):
    reports = Report.objects.filter(owner=request.user)
    return JsonResponse({"reports": [r.title for r in reports]})


@permission_required("reports.delete_report")
def report_delete(request, pk):
    get_object_or_404(Report, pk=pk).delete()
    return JsonResponse({"deleted": True})


def report_update_settings(request, pk):
    report = Report.objects.filter(pk=pk).first()
    if request.method == "POST":
        report.is_public = request.POST.get("is_public") == "on"
        report.save()
    return JsonResponse({"is_public": report.is_public})
