import subprocess

from django.http import JsonResponse
from django.views.decorators.http import require_GET


@require_GET
def dns_lookup(request, hostname):
    """urls.py: path("tools/dns/<str:hostname>/", views.dns_lookup)."""
    result = subprocess.run(["nslookup", "--", hostname], capture_output=True, text=True)
    return JsonResponse({"output": result.stdout})
