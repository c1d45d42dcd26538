#!/usr/bin/env python3
"""Upload nightly database dumps to the backups bucket.

Usage: s3_backup_uploader.py /var/backups/app-2024-05-01.sql.gz [--prefix nightly/]
"""
import argparse
import os
import sys

import boto3
from botocore.exceptions import BotoCoreError, ClientError

BUCKET = "acme-app-db-backups"
REGION = "eu-west-1"

s3 = boto3.client("s3", region_name=REGION)


def upload(path, prefix):
    key = f"{prefix.rstrip('/')}/{os.path.basename(path)}"
    s3.upload_file(
        path,
        BUCKET,
        key,
        ExtraArgs={"ServerSideEncryption": "aws:kms", "StorageClass": "STANDARD_IA"},
    )
    return key


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dump", help="path to the dump file")
    parser.add_argument("--prefix", default="nightly/", help="key prefix in the bucket")
    args = parser.parse_args()

    if not os.path.isfile(args.dump):
        parser.error(f"{args.dump} does not exist")
    try:
        key = upload(args.dump, args.prefix)
    except (BotoCoreError, ClientError) as exc:
        print(f"upload failed: {exc}", file=sys.stderr)
        return 1
    print(f"uploaded s3://{BUCKET}/{key}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
