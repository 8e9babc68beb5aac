"""Sitemaps of the news' public pages; portal/urls.py gathers every app's into /sitemap.xml."""

from django.db.models import Exists, Max, OuterRef
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone

from committees.models import Organization
from portal.news import selectors
from portal.news.models import Article, Category, Tag
from portal.sitemaps import RecordSitemap, StaticViewSitemap, UpdatedSitemap


class ArticleSitemap(UpdatedSitemap):
    """Every public article's page, with the time it last changed."""

    url_name = "news:article_detail"

    def records(self):
        return selectors.articles_public()


class CategorySitemap(RecordSitemap):
    model = Category
    url_name = "news:category_detail"


class TagSitemap(RecordSitemap):
    """Tags that some public article carries (the others' pages list nothing)."""

    model = Tag
    url_name = "news:tag_detail"

    def records(self):
        tagged = Article.tags.through.objects.filter(
            tag_id=OuterRef("pk"), article__in=selectors.articles_public()
        )
        return Tag.objects.filter(Exists(tagged))


class OrganizationNewsSitemap(RecordSitemap):
    """The news pages of the organisations that published or are in some public article."""

    model = Organization
    url_name = "news:organization_news"

    def records(self):
        public = selectors.articles_public()
        about = Article.organizations.through.objects.filter(
            organization_id=OuterRef("pk"), article__in=public
        )
        return Organization.objects.filter(
            Exists(public.filter(source_organization=OuterRef("pk"))) | Exists(about)
        )


class ArchiveSitemap(StaticViewSitemap):
    """The archive by year and by month: every month with a public article, and its year,
    each with the time of its latest article."""

    def __init__(self):
        super().__init__([])

    def items(self):
        months = (
            selectors.articles_public()
            .order_by()
            .annotate(month=TruncMonth("published_at", tzinfo=timezone.get_current_timezone()))
            .values("month")
            .annotate(latest=Max("published_at"))
            .order_by("month")
        )
        items: dict[tuple[int, int | None], object] = {}
        for row in months:
            month = timezone.localtime(row["month"])
            items[(month.year, month.month)] = row["latest"]
            year_latest = items.get((month.year, None))
            items[(month.year, None)] = max(year_latest, row["latest"]) if year_latest else row["latest"]
        return sorted(items.items(), key=lambda item: (item[0][0], item[0][1] or 0))

    def location(self, item):
        (year, month), _latest = item
        if month is None:
            return reverse("news:archive_year", kwargs={"year": year})
        return reverse("news:archive_month", kwargs={"year": year, "month": month})

    def lastmod(self, item):
        return item[1]

    def get_latest_lastmod(self):
        # The latest article's time, without grouping every article by month again.
        return selectors.articles_public().order_by().aggregate(latest=Max("published_at"))["latest"]


# Section name → sitemap; portal/urls.py merges this with the other apps' dicts.
SITEMAPS = {
    "news-pages": StaticViewSitemap(["news:archive_index"]),
    "articles": ArticleSitemap,
    "categories": CategorySitemap,
    "tags": TagSitemap,
    "news-archive": ArchiveSitemap(),
    "organization-news": OrganizationNewsSitemap,
}
