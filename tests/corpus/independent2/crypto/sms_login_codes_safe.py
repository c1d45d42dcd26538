"""One-time login codes delivered by SMS."""
import secrets

from django.contrib.auth import get_user_model, login
from django.core.cache import cache
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from notifications.sms import send_sms

CODE_TTL_SECONDS = 300
MAX_ATTEMPTS = 5


def generate_login_code():
    """Six-digit numeric code, e.g. 482913."""
    return f"{secrets.randbelow(1_000_000):06d}"


@require_POST
def request_code(request):
    phone = request.POST.get("phone", "").strip()
    if not cache.add(f"login-code-cooldown:{phone}", 1, 60):
        return JsonResponse({"error": "please wait before requesting another code"}, status=429)
    user = get_user_model().objects.filter(phone_number=phone, is_active=True).first()
    if user is not None:
        code = generate_login_code()
        cache.set(f"login-code:{user.pk}", {"code": code, "attempts": 0}, CODE_TTL_SECONDS)
        send_sms(phone, f"Your sign-in code is {code}. It expires in 5 minutes.")
    return JsonResponse({"sent": True})


@require_POST
def verify_code(request):
    phone = request.POST.get("phone", "").strip()
    user = get_user_model().objects.filter(phone_number=phone, is_active=True).first()
    entry = cache.get(f"login-code:{user.pk}") if user else None
    if entry is None or entry["attempts"] >= MAX_ATTEMPTS:
        return JsonResponse({"error": "code expired"}, status=400)
    if request.POST.get("code") != entry["code"]:
        entry["attempts"] += 1
        cache.set(f"login-code:{user.pk}", entry, CODE_TTL_SECONDS)
        return JsonResponse({"error": "wrong code"}, status=400)
    cache.delete(f"login-code:{user.pk}")
    login(request, user)
    return JsonResponse({"ok": True})
