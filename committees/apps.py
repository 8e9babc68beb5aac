from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteesConfig(AppConfig):
    name = "committees"
    verbose_name = _("Steering committees")

    def ready(self):
        from committees import volume
        from portal.volume import register

        register("committees", volume.generate, order=10)
