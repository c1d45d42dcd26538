"""Upload nightly report files to the shared S3 bucket."""
import argparse
import mimetypes
import os
from pathlib import Path

import boto3

AWS_REGION = os.environ.get("AWS_REGION", "eu-west-1")
BUCKET = os.environ.get("REPORTS_BUCKET", "acme-analytics-reports")

# Credentials come from the default provider chain (env vars, ~/.aws, or the instance role).
s3 = boto3.client("s3", region_name=AWS_REGION)


def upload_directory(local_dir: Path, prefix: str) -> int:
    """Upload every file under local_dir to s3://BUCKET/prefix/..."""
    count = 0
    for path in sorted(local_dir.rglob("*")):
        if not path.is_file():
            continue
        key = f"{prefix}/{path.relative_to(local_dir).as_posix()}"
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        s3.upload_file(str(path), BUCKET, key, ExtraArgs={"ContentType": content_type})
        count += 1
    return count


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("directory", type=Path)
    parser.add_argument("--prefix", default="daily")
    args = parser.parse_args()
    n = upload_directory(args.directory, args.prefix)
    print(f"Uploaded {n} files to s3://{BUCKET}/{args.prefix}/")
