from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from portal.accounts.demo import load_staff
from portal.cache import TOPICS, records_changed


class Command(BaseCommand):
    help = (
        "Load the demo data drawn from the source articles. Idempotent: running it again "
        "changes nothing. Each app contributes a `demo` module with a `load()` function; they "
        "run in the order of INSTALLED_APPS, which follows the app layers."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        loaded = []
        for app_config in apps.get_app_configs():
            try:
                module = import_module(f"{app_config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app_config.name}.demo":
                    raise
                continue
            if not hasattr(module, "load"):
                continue  # portal.demo holds the loaders' tools, not data
            module.load()
            loaded.append(app_config.label)
        if loaded:
            # Staff accounts of the demo organisations, one per role (portal/accounts/demo.py).
            for line in load_staff():
                self.stdout.write(line)
            # Once committed, the public pages show the demo as loaded, and what is derived from
            # the records (the search entries) is rebuilt.
            records_changed(*TOPICS)
            self.stdout.write(f"Demo data is up to date ({', '.join(loaded)}).")
        else:
            self.stdout.write("No app provides demo data yet.")
