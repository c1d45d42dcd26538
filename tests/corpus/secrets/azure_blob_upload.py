from azure.storage.blob import BlobServiceClient

CONNECTION_STRING = (
    "DefaultEndpointsProtocol=https;AccountName=acmeprodstore;"
    "AccountKey=kFpR3qbeepXehOHs37dCsUGzUsgj5t+Njfgohlh1NeMG8A9XgwKa8Pzmocm3cgTInktLK6iG8DXmdsPjC47bng==;EndpointSuffix=core.windows.net"
)
service = BlobServiceClient.from_connection_string(CONNECTION_STRING)


def upload(container: str, name: str, data: bytes) -> None:
    service.get_blob_client(container, name).upload_blob(data, overwrite=True)
