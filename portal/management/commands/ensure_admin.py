import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

USERNAME = "admin"


class Command(BaseCommand):
    help = (
        "Make sure the superuser 'admin' exists. Its password comes from "
        "DJANGO_SUPERUSER_PASSWORD, or is generated and printed once, when the account is created."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        user_model = get_user_model()
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD", "")
        user = user_model.objects.filter(username=USERNAME).first()
        if user is None:
            generated = not password
            password = password or secrets.token_urlsafe(12)
            user_model.objects.create_superuser(username=USERNAME, email="", password=password)
            if generated:
                self.stdout.write(
                    self.style.WARNING(
                        f"Created the admin account: username '{USERNAME}', password '{password}'. "
                        "It is shown only this once; set DJANGO_SUPERUSER_PASSWORD to choose your own."
                    )
                )
            else:
                self.stdout.write(f"Created the admin account '{USERNAME}' with DJANGO_SUPERUSER_PASSWORD.")
            return
        if password and not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
            self.stdout.write(f"Updated the password of '{USERNAME}' from DJANGO_SUPERUSER_PASSWORD.")
            return
        self.stdout.write(f"The admin account '{USERNAME}' exists.")
