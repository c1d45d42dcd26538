"""Views for moving money between a customer's own accounts."""
from decimal import Decimal, InvalidOperation

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .models import Account


@csrf_exempt
@login_required
@require_POST
def transfer_funds(request):
    """Move an amount from one of the user's accounts to another."""
    try:
        amount = Decimal(request.POST["amount"])
    except (KeyError, InvalidOperation):
        return JsonResponse({"error": "invalid amount"}, status=400)
    if amount <= 0:
        return JsonResponse({"error": "amount must be positive"}, status=400)

    with transaction.atomic():
        source = get_object_or_404(Account.objects.select_for_update(), pk=request.POST.get("from"), owner=request.user)
        target = get_object_or_404(Account.objects.select_for_update(), pk=request.POST.get("to"), owner=request.user)
        if source.balance < amount:
            return JsonResponse({"error": "insufficient funds"}, status=400)
        source.balance -= amount
        target.balance += amount
        source.save(update_fields=["balance"])
        target.save(update_fields=["balance"])
    return JsonResponse({"status": "ok", "from_balance": str(source.balance)})
