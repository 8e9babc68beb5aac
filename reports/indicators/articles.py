"""Indicators of the news: articles published and how often they were read."""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from portal.lib.periods import Period
from portal.news.models import Article, ArticleStatus
from reports.indicators.catalogue import Family, OrganizationIds, indicator, moment_in, sorted_ids, total

GROUP = "articles"


def published_articles(organization_ids: OrganizationIds, period: Period) -> QuerySet[Article]:
    """Articles on the public site (published, not since unpublished or archived) whose
    publication time (the latest, for one published again) lies on a day of the period
    (Asia/Ho_Chi_Minh), that belong to an organisation in scope: its source organisation, or
    one of the organisations it is about. Each article counts once, however many of its
    organisations are in scope."""
    articles = Article.objects.filter(moment_in("published_at", period), status=ArticleStatus.PUBLISHED)
    if organization_ids is not None:
        ids = sorted_ids(organization_ids)
        about = Article.organizations.through.objects.filter(organization_id__in=ids)
        articles = articles.filter(Q(source_organization_id__in=ids) | Q(pk__in=about.values("article_id")))
    return articles


ARTICLE_ROWS = Family("articles", published_articles)

indicator(
    "articles.published",
    _("Articles published"),
    _("articles"),
    GROUP,
    family=ARTICLE_ROWS,
    rule="Every one.",
)
indicator(
    "articles.views",
    _("Views of the articles published"),
    _("views"),
    GROUP,
    family=ARTICLE_ROWS,
    value=total("view_count"),
    rule="Their views to date (view_count), all counted to the period they were published in.",
)
