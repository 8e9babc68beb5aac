"""Writes and workflows of the news: the admin, the beat task, the demo and the tests call these.

An article moves through one table of transitions (`TRANSITIONS`); each names the statuses it
leaves from and the permission it needs. A service given a user (`by`) checks that user's
permission; a job or the demo loader acts as nobody (`by=None`) and is trusted.
"""

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, cast

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Field
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.cache import changes
from portal.history import record_change
from portal.lib.text import slugify_vi
from portal.news.indexing import search_index_article
from portal.news.models import Article, ArticleRevision, ArticleSlugRedirect, ArticleStatus
from portal.news.sanitize import clean_body
from portal.slugs import SLUG_MAX_LENGTH, unique_slug

S = ArticleStatus

# The fields a revision keeps and a restore puts back.
REVISED_FIELDS = (
    "title",
    "slug",
    "lead",
    "body",
    "cover",
    "cover_caption",
    "cover_alt",
    "byline",
    "source_organization",
    "featured",
    "seo_title",
    "seo_description",
    "publish_at",
)
REVISED_MANY_TO_MANY = ("categories", "tags", "events", "agreements", "organizations", "people", "decisions")


@dataclass(frozen=True)
class Transition:
    name: str
    label: Any
    sources: frozenset[str]
    permission: str


TRANSITIONS = (
    Transition(
        "submit", gettext_lazy("Submit for review"), frozenset({S.DRAFT, S.UNPUBLISHED}), "submit_article"
    ),
    Transition("approve", gettext_lazy("Approve"), frozenset({S.SUBMITTED}), "approve_article"),
    Transition(
        "publish", gettext_lazy("Publish now"), frozenset({S.SCHEDULED, S.UNPUBLISHED}), "publish_article"
    ),
    Transition(
        "unpublish", gettext_lazy("Unpublish"), frozenset({S.SCHEDULED, S.PUBLISHED}), "unpublish_article"
    ),
    Transition(
        "archive", gettext_lazy("Archive"), frozenset({S.DRAFT, S.SUBMITTED, S.UNPUBLISHED}), "change_article"
    ),
)
TRANSITIONS_BY_NAME = {transition.name: transition for transition in TRANSITIONS}


def transitions_offered(article: Article) -> list[Transition]:
    """The transitions the table allows from the article's status."""
    return [transition for transition in TRANSITIONS if article.status in transition.sources]


def _require(by: User | None, permission: str) -> None:
    if by is not None and not by.has_perm(f"news.{permission}"):
        raise PermissionDenied(_("You do not have permission to do this to an article."))


def _check(article: Article, name: str, by: User | None) -> Transition:
    transition = TRANSITIONS_BY_NAME[name]
    if article.status not in transition.sources:
        raise ValidationError(
            _("“%(action)s” does not apply to an article that is “%(status)s”.")
            % {"action": transition.label, "status": article.get_status_display()},
            code="transition",
        )
    _require(by, transition.permission)
    return transition


def _field(name: str) -> Field:
    # Every revised name is a concrete field of Article.
    return cast(Field, Article._meta.get_field(name))


def _snapshot(article: Article, many_to_many: Mapping[str, Iterable[Any]] | None) -> dict[str, Any]:
    snapshot: dict[str, Any] = {}
    for name in REVISED_FIELDS:
        value = _field(name).value_from_object(article)
        if name == "cover":
            value = value.name if value else ""
        elif isinstance(value, dt.datetime):
            value = value.isoformat()
        snapshot[name] = value
    for name in REVISED_MANY_TO_MANY:
        if many_to_many is not None and name in many_to_many:
            values = many_to_many[name]
        else:
            values = getattr(article, name).all()
        snapshot[name] = sorted(obj.pk if hasattr(obj, "pk") else int(obj) for obj in values)
    return snapshot


def _slug(article: Article, published_slug: str | None) -> str:
    """The slug the article is saved with: the one given (folded to ASCII), else one from the
    title; a published article keeps its slug unless one is given."""
    if published_slug is not None and not article.slug:
        return published_slug
    if not article.slug:
        # Also past the old slugs of other articles, which still redirect.
        return unique_slug(
            Article, article.title, exclude_pk=article.pk, also_taken=lambda slug: _redirected(slug, article)
        )
    slug = slugify_vi(article.slug, max_length=SLUG_MAX_LENGTH)
    if not slug or not _slug_free(slug, article):
        raise ValidationError({"slug": _("This slug is used by another article.")}, code="slug_taken")
    return slug


def _slug_free(slug: str, article: Article) -> bool:
    """Whether no other article has `slug`, nor had it when published."""
    return not (
        Article.objects.filter(slug=slug).exclude(pk=article.pk).exists() or _redirected(slug, article)
    )


def _redirected(slug: str, article: Article) -> bool:
    """Whether `slug` is the old address of another article, which still redirects."""
    return ArticleSlugRedirect.objects.filter(old_slug=slug).exclude(article_id=article.pk).exists()


def article_check(*, article: Article) -> None:
    """The rules of one article's fields: a slug typed is free (no other article has it, nor
    had it when published); a cover needs its alternative text."""
    if article.slug:
        _slug(article, None)
    if article.cover and not article.cover_alt.strip():
        raise ValidationError(
            {"cover_alt": _("Describe the cover image for readers who cannot see it.")}, code="cover_alt"
        )


@transaction.atomic
@changes("news")
def article_save(
    *, article: Article, by: User | None, many_to_many: Mapping[str, Iterable[Any]] | None = None
) -> Article:
    """Create or update `article` with its many-to-many values, keeping a revision of what changed.

    The body is sanitised before it is stored. Once published, the slug no longer follows the
    title; a slug changed after publication leaves the old one as a redirect.
    """
    adding = article.pk is None
    _require(by, "add_article" if adding else "change_article")
    article_check(article=article)
    stored = None if adding else Article.objects.select_for_update().get(pk=article.pk)
    published_slug = stored.slug if stored is not None and stored.published_at is not None else None
    article.slug = _slug(article, published_slug)
    article.body = clean_body(article.body)
    previous = stored.revisions.first() if stored is not None else None
    # The editable fields only: the status, its who and when, and the view count are written
    # by their own services and must not be put back from a copy read before them.
    article.save(update_fields=None if adding else [*REVISED_FIELDS, "updated_at"])
    for name, values in (many_to_many or {}).items():
        getattr(article, name).set(values)
    if published_slug is not None and published_slug != article.slug:
        ArticleSlugRedirect.objects.filter(old_slug=article.slug).delete()
        ArticleSlugRedirect.objects.get_or_create(old_slug=published_slug, defaults={"article": article})
    snapshot = _snapshot(article, many_to_many)
    before = previous.snapshot if previous is not None else {}
    changed = [name for name, value in snapshot.items() if before.get(name, "" if adding else None) != value]
    if adding:
        changed = [name for name in changed if snapshot[name] not in ("", None, [], False)]
    if adding or changed:
        ArticleRevision.objects.create(
            article=article, by=by, at=timezone.now(), snapshot=snapshot, changed=changed
        )
        record_change(
            article,
            by=by,
            added=adding,
            message=_("Added.") if adding else _("Changed %(fields)s.") % {"fields": field_names(changed)},
        )
    search_index_article(article=article)
    return article


def field_names(names: list[str]) -> str:
    """The verbose names of the article's fields `names`, for a history line."""
    return ", ".join(str(_field(name).verbose_name) for name in names) or "-"


def _move(article: Article, *, to: str, by: User | None, message: str, **fields: Any) -> Article:
    article.status = to
    for name, value in fields.items():
        setattr(article, name, value)
    article.save(update_fields=["status", "updated_at", *fields])
    record_change(article, by=by, message=message)
    search_index_article(article=article)
    return article


def _locked(article: Article) -> Article:
    locked = Article.objects.select_for_update().get(pk=article.pk)
    article.status = locked.status
    return article


@transaction.atomic
@changes("news")
def article_submit(*, article: Article, by: User | None) -> Article:
    """Send a draft (or an unpublished article) for review by a chief editor."""
    _check(_locked(article), "submit", by)
    return _move(
        article,
        to=S.SUBMITTED,
        by=by,
        message=_("Submitted for review."),
        submitted_by=by,
        submitted_at=timezone.now(),
    )


@transaction.atomic
@changes("news")
def article_approve(*, article: Article, by: User | None, now: dt.datetime | None = None) -> Article:
    """Approve a submitted article: published now, or scheduled when `publish_at` is still ahead.

    A second pair of eyes: the person who submitted it may not approve it, unless
    settings.NEWS_ALLOW_SELF_APPROVAL.
    """
    _check(_locked(article), "approve", by)
    if by is not None and article.submitted_by_id == by.pk and not settings.NEWS_ALLOW_SELF_APPROVAL:
        raise ValidationError(
            _("The person who submitted an article cannot also approve it."), code="self_approval"
        )
    now = now or timezone.now()
    approval = {"approved_by": by, "approved_at": now}
    if article.publish_at is not None and article.publish_at > now:
        return _move(article, to=S.SCHEDULED, by=by, message=_("Approved and scheduled."), **approval)
    return _move(
        article, to=S.PUBLISHED, by=by, message=_("Approved and published."), published_at=now, **approval
    )


@transaction.atomic
@changes("news")
def article_publish(*, article: Article, by: User | None, now: dt.datetime | None = None) -> Article:
    """Publish an approved (scheduled) or unpublished article now."""
    _check(_locked(article), "publish", by)
    return _move(article, to=S.PUBLISHED, by=by, message=_("Published."), published_at=now or timezone.now())


@transaction.atomic
@changes("news")
def article_unpublish(*, article: Article, by: User | None) -> Article:
    """Take a published or scheduled article off the public site."""
    _check(_locked(article), "unpublish", by)
    return _move(article, to=S.UNPUBLISHED, by=by, message=_("Unpublished."))


@transaction.atomic
@changes("news")
def article_archive(*, article: Article, by: User | None) -> Article:
    """Put away an article that is not on the public site."""
    _check(_locked(article), "archive", by)
    return _move(article, to=S.ARCHIVED, by=by, message=_("Archived."))


def article_restore_revision(*, revision: ArticleRevision, by: User | None) -> Article:
    """Put the fields kept by `revision` back on its article, saved as a new revision."""
    article = Article.objects.get(pk=revision.article_id)
    snapshot = revision.snapshot
    for name in REVISED_FIELDS:
        if name not in snapshot:
            continue
        value = snapshot[name]
        if name == "source_organization":
            article.source_organization_id = value
        elif name == "publish_at":
            article.publish_at = dt.datetime.fromisoformat(value) if value else None
        else:
            setattr(article, name, value)
    many_to_many = {name: snapshot[name] for name in REVISED_MANY_TO_MANY if name in snapshot}
    return article_save(article=article, by=by, many_to_many=many_to_many)


def articles_publish_due(*, now: dt.datetime) -> int:
    """Publish every scheduled article whose time has come, dated at its scheduled time;
    returns how many. Acts as nobody: the chief editor who approved it decided already."""
    published = 0
    for article in Article.objects.filter(status=S.SCHEDULED, publish_at__lte=now).order_by("publish_at"):
        article_publish(article=article, by=None, now=article.publish_at)
        published += 1
    return published
