"""Management command: import users exported from the legacy CRM."""
import csv

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand

from accounts.models import Customer


class Command(BaseCommand):
    help = "Import customers from a CSV export (email,name,initial_password)"

    def add_arguments(self, parser):
        parser.add_argument("csv_path")

    def handle(self, *args, csv_path, **options):
        created = 0
        with open(csv_path, newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                # make_password uses the project's PASSWORD_HASHERS (PBKDF2/Argon2) with a per-user salt.
                Customer.objects.update_or_create(
                    email=row["email"].lower(),
                    defaults={
                        "name": row["name"],
                        "password": make_password(row["initial_password"]),
                    },
                )
                created += 1
        self.stdout.write(self.style.SUCCESS(f"Imported {created} customers"))
