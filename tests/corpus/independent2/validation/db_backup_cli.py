"""Small CLI for taking ad-hoc Postgres backups before migrations."""
import datetime as dt
import os
import sys

import click


@click.command()
@click.argument("database")
@click.option("--table", "tables", multiple=True, help="Only dump these tables.")
@click.option("--compress/--no-compress", default=True, show_default=True)
def backup(database, tables, compress):
    """Dump DATABASE into $BACKUP_DIR with a timestamped file name."""
    backup_dir = os.environ.get("BACKUP_DIR", "/var/backups/postgres")
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    outfile = os.path.join(backup_dir, f"{database}-{stamp}.sql")

    table_flags = " ".join(f"-t {t}" for t in tables)
    cmd = f"pg_dump {table_flags} {database} > {outfile}"
    if compress:
        cmd += f" && gzip {outfile}"
        outfile += ".gz"

    click.echo(f"Backing up {database} ...")
    status = os.system(cmd)
    if status != 0:
        click.echo("pg_dump failed", err=True)
        sys.exit(1)
    click.echo(f"Wrote {outfile}")


if __name__ == "__main__":
    backup()
