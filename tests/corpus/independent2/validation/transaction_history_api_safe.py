"""DRF endpoint returning a page of the caller's card transactions."""
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from payments.models import Transaction
from payments.serializers import TransactionSerializer

MAX_PAGE_SIZE = 100


def _int_param(request, name, default, minimum, maximum):
    try:
        value = int(request.query_params.get(name, default))
    except (TypeError, ValueError):
        raise ValidationError({name: "must be an integer"})
    return max(minimum, min(value, maximum))


class TransactionHistoryView(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request):
        page = _int_param(request, "page", 1, 1, 10_000)
        page_size = _int_param(request, "page_size", 25, 1, MAX_PAGE_SIZE)

        qs = (
            Transaction.objects.filter(account__owner=request.user)
            .select_related("merchant")
            .order_by("-created_at")
        )
        start = (page - 1) * page_size
        rows = qs[start:start + page_size]
        return Response(
            {
                "page": page,
                "page_size": page_size,
                "results": TransactionSerializer(rows, many=True).data,
            }
        )
