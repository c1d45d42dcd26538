"""Billing helpers wrapping the Stripe API for subscription management."""
import os

import stripe

stripe.api_key = os.environ["STRIPE_SECRET_KEY"]
stripe.max_network_retries = 2

PLANS = {
    "starter": "price_1PbStarterMonthly",
    "team": "price_1PbTeamMonthly",
}


def create_customer(email: str, name: str) -> str:
    customer = stripe.Customer.create(email=email, name=name)
    return customer.id


def start_subscription(customer_id: str, plan: str, trial_days: int = 14):
    """Subscribe a customer to one of the configured plans."""
    if plan not in PLANS:
        raise ValueError(f"unknown plan {plan!r}")
    return stripe.Subscription.create(
        customer=customer_id,
        items=[{"price": PLANS[plan]}],
        trial_period_days=trial_days,
        payment_behavior="default_incomplete",
        expand=["latest_invoice.payment_intent"],
    )


def cancel_subscription(subscription_id: str, at_period_end: bool = True):
    if at_period_end:
        return stripe.Subscription.modify(subscription_id, cancel_at_period_end=True)
    return stripe.Subscription.delete(subscription_id)
