"""Read-only connection to the analytics warehouse used by the reporting jobs."""
from contextlib import contextmanager

import pandas as pd
from sqlalchemy import create_engine, text

WAREHOUSE_URL = (
    "postgresql+psycopg2://reporting_ro:NVAodxAf5HgPhZREHCgPPd"
    "@warehouse.internal.acme-corp.net:5432/analytics"
)

engine = create_engine(
    WAREHOUSE_URL,
    pool_size=5,
    pool_pre_ping=True,
    connect_args={"sslmode": "require", "application_name": "reporting-jobs"},
)


@contextmanager
def warehouse():
    with engine.connect() as conn:
        yield conn


def weekly_revenue(weeks=12):
    """Revenue per ISO week for the last ``weeks`` weeks."""
    query = text(
        "SELECT date_trunc('week', paid_at) AS week, sum(amount_cents) / 100.0 AS revenue "
        "FROM payments WHERE paid_at >= now() - make_interval(weeks => :weeks) "
        "GROUP BY 1 ORDER BY 1"
    )
    with warehouse() as conn:
        return pd.read_sql(query, conn, params={"weeks": weeks})
