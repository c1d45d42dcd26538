import os

from django.conf import settings
from django.http import FileResponse, Http404
from django.contrib.auth.decorators import login_required

REPORTS_DIR = os.path.realpath(os.path.join(settings.MEDIA_ROOT, "reports"))


@login_required
def download_report(request, filename):
    """Serve a generated report: urls.py maps reports/<str:filename>/ here."""
    path = os.path.realpath(os.path.join(REPORTS_DIR, filename))
    if os.path.commonpath([path, REPORTS_DIR]) != REPORTS_DIR:
        raise Http404("Report not found")
    if not os.path.exists(path):
        raise Http404("Report not found")
    return FileResponse(open(path, "rb"), as_attachment=True)
