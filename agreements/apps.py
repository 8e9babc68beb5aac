from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Coordination agreements")

    def ready(self):
        from agreements import health, panels, volume
        from agreements.models import Agreement, Task
        from agreements.resources import AgreementResource, TaskResource
        from portal.exchange import registry
        from portal.volume import register

        register("agreements", volume.generate, order=30)
        panels.register()
        health.register()
        registry.register(Agreement, AgreementResource, importable=True)
        registry.register(Task, TaskResource, importable=False)
