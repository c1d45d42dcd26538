import os

DB_USER = "reporting"
DB_PASSWORD = os.environ["DB_PASSWORD"]
