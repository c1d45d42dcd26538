"""Upload nightly report files to the shared S3 bucket."""
import argparse
import mimetypes
from pathlib import Path

import boto3

AWS_REGION = "eu-west-1"
BUCKET = "acme-analytics-reports"

s3 = boto3.client(
    "s3",
    region_name=AWS_REGION,
    aws_access_key_id="AKIAZR78PLAZAQ58751D",
    aws_secret_access_key="JMsWp85yxMy/iBCf5Dz26pnaCDCACLejQ80z4/E0",
)


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
