from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from .models import Invoice


@login_required
def invoice_detail(request, invoice_id):
    invoice = get_object_or_404(Invoice, pk=invoice_id)
    return render(request, "billing/invoice_detail.html", {"invoice": invoice})
