import getpass

import psycopg2


def connect(host: str, user: str):
    password = getpass.getpass(f"Password for {user}@{host}: ")
    return psycopg2.connect(host=host, user=user, password=password)
