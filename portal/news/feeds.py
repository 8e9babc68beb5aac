"""RSS 2.0 feeds of the news: the latest articles, and those of one category or organisation.

Only public articles (published, their time come) are listed; links are absolute, each item's
description is its lead (escaped by the feed generator) and its date the publication time.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from committees.models import Organization
from portal.news import selectors
from portal.news.models import Article, Category

FEED_ITEMS = 30


class ArticleFeed(Feed):
    """What every news feed shares: the items and how each is written."""

    feed_type = Rss201rev2Feed
    language = "vi"

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.lead

    def item_link(self, item: Article) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Article):
        return item.published_at

    def item_updateddate(self, item: Article):
        return item.updated_at

    def item_author_name(self, item: Article) -> str:
        return item.byline

    def item_guid(self, item: Article) -> str:
        # Stable across a change of slug, unlike the link.
        return f"article-{item.pk}"

    item_guid_is_permalink = False


FEED_FIELDS = (*selectors.LIST_FIELDS, "updated_at", "byline")


class LatestArticlesFeed(ArticleFeed):
    def title(self) -> str:
        return _("News of the Steering Committee 35 portal")

    def description(self) -> str:
        return _("The latest news published on the portal.")

    def link(self) -> str:
        return reverse("home")

    def items(self):
        return selectors.articles_public().only(*FEED_FIELDS)[:FEED_ITEMS]


class CategoryFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, obj: Category) -> str:
        return _("%(category)s – Steering Committee 35 portal") % {"category": obj.name}

    def description(self, obj: Category) -> str:
        return _("The latest news of the category %(category)s.") % {"category": obj.name}

    def link(self, obj: Category) -> str:
        return obj.get_absolute_url()

    def items(self, obj: Category):
        return selectors.articles_in_category(obj).only(*FEED_FIELDS)[:FEED_ITEMS]


class OrganizationFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Organization, slug=slug)

    def title(self, obj: Organization) -> str:
        return _("News of %(organization)s") % {"organization": obj.name}

    def description(self, obj: Organization) -> str:
        return _("The latest news published by or about %(organization)s.") % {"organization": obj.name}

    def link(self, obj: Organization) -> str:
        return reverse("news:organization_news", kwargs={"slug": obj.slug})

    def items(self, obj: Organization):
        return selectors.articles_of_organization(obj).only(*FEED_FIELDS)[:FEED_ITEMS]
