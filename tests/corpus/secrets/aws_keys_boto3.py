import boto3

# S3 client for the reports bucket
s3 = boto3.client(
    "s3",
    aws_access_key_id="AKIA42CFSUOSG0WP8I8Z",
    aws_secret_access_key="YVVA+jEnTYGUHe1Ldw6RxrrBR7RZ53l3a+rfzk1J",
    region_name="eu-west-1",
)


def upload_report(path: str, key: str) -> None:
    s3.upload_file(path, "acme-reports", key)
