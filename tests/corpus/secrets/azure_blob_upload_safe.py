import os

from azure.storage.blob import BlobServiceClient

service = BlobServiceClient.from_connection_string(os.environ["AZURE_STORAGE_CONNECTION_STRING"])


def upload(container: str, name: str, data: bytes) -> None:
    service.get_blob_client(container, name).upload_blob(data, overwrite=True)
