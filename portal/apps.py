from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from portal.admin import translate_boolean_icons
        from portal.db import lookups

        lookups.register()
        translate_boolean_icons()
