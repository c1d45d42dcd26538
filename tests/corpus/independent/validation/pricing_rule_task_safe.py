"""Celery tasks that apply merchant-defined discount rules to carts."""
from decimal import Decimal

from celery import shared_task

from shop.models import Cart, DiscountRule


def percent_off(subtotal, params):
    return subtotal * Decimal(params["percent"]) / Decimal(100)


def fixed_off(subtotal, params):
    if subtotal >= Decimal(params.get("min_subtotal", "0")):
        return Decimal(params["amount"])
    return Decimal("0")


RULE_TYPES = {"percent_off": percent_off, "fixed_off": fixed_off}


def evaluate_rule(rule, subtotal):
    """Apply a declarative rule (type + JSON params) without running merchant code."""
    handler = RULE_TYPES.get(rule.rule_type)
    if handler is None:
        raise ValueError(f"unknown rule type {rule.rule_type!r}")
    return handler(subtotal, rule.params)


@shared_task(bind=True, max_retries=3)
def apply_merchant_rules(self, cart_id):
    """Recalculate the discount on a cart using its merchant's active rules."""
    cart = Cart.objects.select_related("merchant").get(pk=cart_id)
    subtotal = cart.subtotal()
    discount = Decimal("0")
    for rule in DiscountRule.objects.filter(merchant=cart.merchant, active=True):
        discount += max(evaluate_rule(rule, subtotal), Decimal("0"))
    cart.discount = min(discount, subtotal)
    cart.save(update_fields=["discount"])
    return str(cart.discount)
