import logging

import psycopg2

logger = logging.getLogger(__name__)


def connect(host: str, user: str, password: str):
    logger.info("Connecting to %s as %s", host, user)
    return psycopg2.connect(host=host, user=user, password=password)
