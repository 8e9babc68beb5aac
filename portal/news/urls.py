from django.urls import path, register_converter

from portal.news import views


class YearConverter:
    """A year of four digits, not starting with 0 (so 0 and 99999 are no page: 404)."""

    regex = "[1-9][0-9]{3}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{value:04d}"


class MonthConverter:
    """A month of two digits, 01 to 12."""

    regex = "0[1-9]|1[0-2]"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{value:02d}"


register_converter(YearConverter, "news_year")
register_converter(MonthConverter, "news_month")

app_name = "news"

urlpatterns = [
    path("tin-tuc/xem-truoc/<str:token>/", views.article_preview, name="article_preview"),
    path("tin-tuc/<slug:slug>/", views.article_detail, name="article_detail"),
    path("tin-tuc/<slug:slug>/phan-hoi/", views.feedback_send, name="feedback_send"),
    path("tin-tuc/<slug:slug>/phan-hoi/cam-on/", views.feedback_thanks, name="feedback_thanks"),
    path("chuyen-muc/<slug:slug>/", views.category_detail, name="category_detail"),
    path("chuyen-muc/<slug:slug>/rss/", views.category_feed, name="category_feed"),
    path("the/<slug:slug>/", views.tag_detail, name="tag_detail"),
    path("luu-tru/", views.archive_index, name="archive_index"),
    path("luu-tru/nam-<news_year:year>/", views.archive_year, name="archive_year"),
    path("luu-tru/nam-<news_year:year>/thang-<news_month:month>/", views.archive_month, name="archive_month"),
    path("to-chuc/<slug:slug>/tin-tuc/", views.organization_news, name="organization_news"),
    path("to-chuc/<slug:slug>/rss/", views.organization_feed, name="organization_feed"),
    path("rss/", views.latest_feed, name="feed"),
    # The counting beacon of public pages (views.count).
    path("dem/", views.count, name="count"),
    path("dem/<int:article_id>/", views.count, name="count_article"),
    path("tim-kiem/", views.search, name="search"),
]
