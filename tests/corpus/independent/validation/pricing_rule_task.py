"""Celery tasks that apply merchant-defined discount rules to carts."""
from decimal import Decimal

from celery import shared_task

from shop.models import Cart, DiscountRule


def compile_rule(rule):
    """Turn a stored rule body into a callable discount function."""
    source = "def apply_discount(cart, subtotal):\n"
    for line in rule.body.splitlines():
        source += "    " + line + "\n"
    namespace = {"Decimal": Decimal}
    code = compile(source, f"<rule {rule.pk}>", "exec")
    exec(code, namespace)
    return namespace["apply_discount"]


@shared_task(bind=True, max_retries=3)
def apply_merchant_rules(self, cart_id):
    """Recalculate the discount on a cart using its merchant's active rules."""
    cart = Cart.objects.select_related("merchant").get(pk=cart_id)
    subtotal = cart.subtotal()
    discount = Decimal("0")
    for rule in DiscountRule.objects.filter(merchant=cart.merchant, active=True):
        fn = compile_rule(rule)
        discount += Decimal(fn(cart, subtotal) or 0)
    cart.discount = min(discount, subtotal)
    cart.save(update_fields=["discount"])
    return str(cart.discount)
