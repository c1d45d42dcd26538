#!/usr/bin/env python3
"""Nightly PostgreSQL backup helper.

Usage:
    python db_backup_cli.py --database shop --dest /var/backups/pg
"""
import argparse
import datetime
import os
import sys


def parse_args():
    parser = argparse.ArgumentParser(description="Dump a PostgreSQL database to a gzip file")
    parser.add_argument("--database", required=True, help="database name to dump")
    parser.add_argument("--dest", default="/var/backups/pg", help="output directory")
    parser.add_argument("--host", default="localhost")
    return parser.parse_args()


def main():
    args = parse_args()
    os.makedirs(args.dest, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    outfile = os.path.join(args.dest, f"{args.database}-{stamp}.sql.gz")

    cmd = f"pg_dump -h {args.host} {args.database} | gzip > {outfile}"
    print(f"Running backup for {args.database} ...")
    status = os.system(cmd)
    if status != 0:
        print("Backup failed", file=sys.stderr)
        sys.exit(1)
    print(f"Backup written to {outfile}")


if __name__ == "__main__":
    main()
