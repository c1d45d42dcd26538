import logging

import psycopg2

logger = logging.getLogger(__name__)


def connect(host: str, user: str, password: str):
    logger.info(f"Connecting to {host} as {user} with password {password}")
    return psycopg2.connect(host=host, user=user, password=password)
