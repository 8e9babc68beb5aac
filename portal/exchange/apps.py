from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    """Spreadsheet import and export (django-import-export) for every app's admin lists."""

    name = "portal.exchange"
    label = "exchange"
    verbose_name = _("Spreadsheets")
