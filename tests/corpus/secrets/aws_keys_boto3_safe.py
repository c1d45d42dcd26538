import boto3

# S3 client for the reports bucket; credentials come from the environment / instance role
s3 = boto3.client("s3", region_name="eu-west-1")


def upload_report(path: str, key: str) -> None:
    s3.upload_file(path, "acme-reports", key)
