from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "portal.news"
    label = "news"
    verbose_name = _("News")

    def ready(self):
        from portal import health
        from portal.cache import on_records_changed
        from portal.exchange import registry
        from portal.news import panels, schedule, tasks, volume
        from portal.news.models import Article
        from portal.news.resources import ArticleResource
        from portal.volume import register

        panels.register()
        health.register(
            "scheduled_late",
            count=schedule.late_count,
            message=schedule.late_message,
            url_name="admin:news_article_changelist",
            query="late=1",
            permission="news.view_article",
        )
        register("news", volume.generate, order=40)
        on_records_changed(tasks.refresh_search_of)
        registry.register(Article, ArticleResource, importable=False)
