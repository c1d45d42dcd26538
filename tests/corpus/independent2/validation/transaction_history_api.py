"""DRF endpoint returning a page of the caller's card transactions."""
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from payments.models import Transaction
from payments.serializers import TransactionSerializer


class TransactionHistoryView(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request):
        page = int(request.query_params.get("page", 1))
        page_size = int(request.query_params.get("page_size", 25))

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
