"""Management command: import users exported from the legacy CRM."""
import csv
import hashlib
import os

from django.core.management.base import BaseCommand

from accounts.models import Customer


def legacy_hash(password: str, salt: str) -> str:
    """Hash passwords the same way for migrated and newly set passwords."""
    return hashlib.sha1((salt + password).encode("utf-8")).hexdigest()


class Command(BaseCommand):
    help = "Import customers from a CSV export (email,name,initial_password)"

    def add_arguments(self, parser):
        parser.add_argument("csv_path")

    def handle(self, *args, csv_path, **options):
        created = 0
        with open(csv_path, newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                salt = os.urandom(8).hex()
                Customer.objects.update_or_create(
                    email=row["email"].lower(),
                    defaults={
                        "name": row["name"],
                        "password_salt": salt,
                        "password_hash": legacy_hash(row["initial_password"], salt),
                    },
                )
                created += 1
        self.stdout.write(self.style.SUCCESS(f"Imported {created} customers"))
