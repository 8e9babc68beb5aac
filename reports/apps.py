from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from portal.exchange import registry
        from reports.models import Report
        from reports.resources import ReportResource

        registry.register(Report, ReportResource, importable=False)
