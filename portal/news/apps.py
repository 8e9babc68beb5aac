from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "portal.news"
    label = "news"
    verbose_name = _("News")

    def ready(self):
        from portal.cache import on_records_changed
        from portal.news import tasks, volume
        from portal.volume import register

        register("news", volume.generate, order=40)
        on_records_changed(tasks.refresh_search_of)
