"""Staff-only log viewer for the ops dashboard."""
import os

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404, HttpResponse

TAIL_LINES = 500


def read_tail(path, lines=TAIL_LINES):
    """Return the last ``lines`` lines of a text file."""
    with open(path, "r", encoding="utf-8", errors="replace") as fh:
        return "".join(fh.readlines()[-lines:])


@staff_member_required
def view_log(request):
    """Show the tail of one of the application log files as plain text."""
    log_name = request.GET.get("name", "app.log")
    log_path = os.path.join(settings.LOG_DIR, log_name)
    if not os.path.exists(log_path):
        raise Http404("No such log file")

    return HttpResponse(read_tail(log_path), content_type="text/plain; charset=utf-8")
