"""Storefront product listing with an optional brand filter."""
from django.views.generic import ListView

from catalog.models import Product


class ProductListView(ListView):
    """Paginated list of published products, optionally narrowed to one brand."""

    model = Product
    template_name = "catalog/product_list.html"
    context_object_name = "products"
    paginate_by = 24

    def get_queryset(self):
        qs = Product.objects.filter(is_published=True).select_related("brand")
        brand = self.request.GET.get("brand")
        if brand:
            # brand_slug lives on a legacy denormalised column, hence extra()
            qs = qs.extra(where=["catalog_product.brand_slug = %s"], params=[brand])
        return qs.order_by("-created_at")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["selected_brand"] = self.request.GET.get("brand", "")
        return context
