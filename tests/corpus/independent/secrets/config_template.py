"""Configuration template for the ingestion worker.

The values below are placeholders; the deploy pipeline renders the real
configuration from the secret store.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class BrokerConfig:
    host: str = "localhost"
    port: int = 5672
    username: str = "guest"
    password: str = "changeme"
    vhost: str = "/"


@dataclass(frozen=True)
class StorageConfig:
    bucket: str = "example-bucket"
    access_key_id: str = "REPLACE_ME"
    secret_access_key: str = "REPLACE_ME"


def load_defaults():
    """Return placeholder configuration used by the unit tests and docs."""
    return {"broker": BrokerConfig(), "storage": StorageConfig()}
