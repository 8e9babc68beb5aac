"""The spreadsheet of articles: their metadata, exported only.

An article is written in the editor, with its images, revisions and review workflow; a row
of a spreadsheet could not carry that, so the news registers its resource for export only:
title, slug, status, byline, source, publication time, categories, tags, related events and
the page's address (for a published article; the path on the site, as the portal knows no
domain of its own outside a request).
"""

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import pgettext_lazy
from import_export import widgets
from import_export.fields import Field

from events.models import Event
from portal.exchange.resources import SpreadsheetResource
from portal.exchange.widgets import ChoiceWidget, ManyLookupWidget, TextWidget
from portal.news.models import Article, ArticleStatus, Category, Tag


def column(text: str):
    """A column header of the articles' spreadsheet (Vietnamese through gettext)."""
    return pgettext_lazy("articles spreadsheet column", text)


class LocalDateTimeWidget(widgets.Widget):
    """An aware time as the wall-clock time of Asia/Ho_Chi_Minh: a workbook cell has no zone."""

    def render(self, value, obj=None, **kwargs):
        if isinstance(value, dt.datetime) and timezone.is_aware(value):
            return timezone.localtime(value).replace(tzinfo=None)
        return value


def event_label(event: Event) -> str:
    return event.title


class ArticleResource(SpreadsheetResource):
    """Articles' metadata, one a row: exported only (see above)."""

    title = Field(attribute="title", column_name=column("Title"), widget=TextWidget())
    slug = Field(attribute="slug", column_name=column("Slug"), widget=TextWidget())
    status = Field(
        attribute="status", column_name=column("Status"), widget=ChoiceWidget(ArticleStatus.choices)
    )
    byline = Field(attribute="byline", column_name=column("Author"), widget=TextWidget())
    source_organization = Field(
        attribute="source_organization__name", column_name=column("Source organisation"), widget=TextWidget()
    )
    published_at = Field(
        attribute="published_at", column_name=column("Published at"), widget=LocalDateTimeWidget()
    )
    categories = Field(
        attribute="categories", column_name=column("Categories"), widget=ManyLookupWidget(Category)
    )
    tags = Field(attribute="tags", column_name=column("Tags"), widget=ManyLookupWidget(Tag))
    events = Field(
        attribute="events",
        column_name=column("Related events"),
        widget=ManyLookupWidget(Event, label=event_label),
    )
    url = Field(column_name=column("Address"), widget=TextWidget())

    class Meta(SpreadsheetResource.Meta):
        model = Article
        fields = (
            "title",
            "slug",
            "status",
            "byline",
            "source_organization",
            "published_at",
            "categories",
            "tags",
            "events",
            "url",
        )
        export_order = fields

    def export_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("source_organization").prefetch_related("categories", "tags", "events")

    def dehydrate_url(self, article: Article) -> str:
        return article.get_absolute_url() if article.status == ArticleStatus.PUBLISHED else ""
