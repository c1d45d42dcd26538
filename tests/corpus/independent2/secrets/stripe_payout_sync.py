"""Nightly job: copy Stripe payouts into the finance database.

Run with:  python stripe_payout_sync.py sync --days 3
"""
import datetime as dt
import logging
import os

import stripe
import typer

from finance.db import upsert_payout

app = typer.Typer(help="Stripe payout tooling")
log = logging.getLogger("payout_sync")


def configure_stripe():
    stripe.api_key = os.environ["STRIPE_SECRET_KEY"]
    stripe.max_network_retries = 2
    log.info("Stripe client configured (api_key=%s, version=%s)", stripe.api_key, stripe.api_version)


@app.command()
def sync(days: int = typer.Option(1, min=1, max=30, help="How many days back to sync")):
    """Fetch payouts created in the last DAYS days and upsert them."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    configure_stripe()

    since = int((dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=days)).timestamp())
    count = 0
    for payout in stripe.Payout.list(created={"gte": since}, limit=100).auto_paging_iter():
        upsert_payout(
            stripe_id=payout.id,
            amount_cents=payout.amount,
            currency=payout.currency,
            status=payout.status,
            arrival_date=dt.date.fromtimestamp(payout.arrival_date),
        )
        count += 1
    log.info("Synced %d payouts since %s", count, dt.datetime.fromtimestamp(since).isoformat())


if __name__ == "__main__":
    app()
