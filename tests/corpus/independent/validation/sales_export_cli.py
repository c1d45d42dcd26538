"""Command-line tool to export regional sales figures to CSV."""
import os

import click
import pandas as pd
from sqlalchemy import create_engine


def build_sales_query(region, year):
    """Compose the aggregate query for one region and year."""
    return (
        "SELECT product, SUM(quantity) AS units, SUM(amount) AS revenue "
        "FROM sales WHERE region = '" + region + "' "
        "AND EXTRACT(YEAR FROM sold_at) = " + str(year) + " "
        "GROUP BY product ORDER BY revenue DESC"
    )


@click.command()
@click.option("--region", required=True, help="Sales region code, e.g. EMEA")
@click.option("--year", type=int, default=2024, show_default=True)
@click.option("--out", "out_path", type=click.Path(dir_okay=False), default="sales.csv")
def export(region, year, out_path):
    """Export aggregated sales for REGION to a CSV file."""
    engine = create_engine(os.environ["REPORTING_DB_URL"])
    query = build_sales_query(region, year)
    df = pd.read_sql(query, engine)
    df.to_csv(out_path, index=False)
    click.echo(f"Wrote {len(df)} rows to {out_path}")


if __name__ == "__main__":
    export()
