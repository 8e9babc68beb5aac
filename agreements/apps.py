from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Coordination agreements")

    def ready(self):
        from agreements import health, panels, volume
        from portal.volume import register

        register("agreements", volume.generate, order=30)
        panels.register()
        health.register()
