"""Example local settings.

Copy this file to ``settings_local.py`` and fill in the values for your
machine. ``settings_local.py`` is git-ignored; never commit real values.
"""

DEBUG = False

SECRET_KEY = "replace-me"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "myapp",
        "USER": "myapp",
        "PASSWORD": "<your-db-password>",
        "HOST": "localhost",
        "PORT": "5432",
    }
}

EMAIL_HOST = "smtp.example.com"
EMAIL_HOST_USER = "<your-smtp-user>"
EMAIL_HOST_PASSWORD = "<your-smtp-password>"

SENTRY_DSN = ""  # e.g. "https://<key>@o0.ingest.sentry.io/<project>"

AWS_ACCESS_KEY_ID = "YOUR_ACCESS_KEY_ID"
AWS_SECRET_ACCESS_KEY = "YOUR_SECRET_ACCESS_KEY"
