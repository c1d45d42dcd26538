"""Example settings for local development.

Copy this file to ``settings_local.py`` and fill in your own values.
Never commit the filled-in copy.
"""
import os

# Third-party API credentials (replace with your own)
OPENAI_API_KEY = os.environ.get("OPENAI_API_KEY", "your-api-key-here")
SENDGRID_API_KEY = os.environ.get("SENDGRID_API_KEY", "your-sendgrid-key-here")
MAPS_API_KEY = "<YOUR_MAPS_API_KEY>"

# Local database
DATABASE = {
    "ENGINE": "django.db.backends.postgresql",
    "NAME": "myapp_dev",
    "USER": "myapp",
    "PASSWORD": os.environ.get("DB_PASSWORD", "<your-db-password>"),
    "HOST": "localhost",
    "PORT": 5432,
}

DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"
ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
