from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    """Spreadsheet import and export (django-import-export) for every app's admin lists."""

    name = "portal.exchange"
    label = "exchange"
    verbose_name = _("Spreadsheets")

    def ready(self):
        # Celery's autodiscovery does not look into the sub-apps of `portal` (as portal.news): the
        # tasks are registered here, so a worker and beat know them whatever was imported first.
        from portal.exchange import tasks  # noqa: F401
        from portal.exchange.permissions import create_exchange_permissions

        # After each app's migrations: its models' export and import permissions (permissions.py).
        post_migrate.connect(create_exchange_permissions, dispatch_uid="exchange_permissions")
