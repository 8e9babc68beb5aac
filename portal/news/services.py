"""Writes and workflows of the news: the admin, the beat task, the demo and the tests call these.

An article moves through one table of transitions (`TRANSITIONS`); each names the statuses it
leaves from and the permission it needs. A service given a user (`by`) checks that user's
permission and that the article is one of their organisations' (its source organisation,
portal/scoping.py: `require_writable` on the stored article and again on what was written);
a job or the demo loader acts as nobody (`by=None`) and is trusted. Every write service is
`@audited`: the article's history (django-simple-history) names `by` as who made the change.
"""

import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, cast

from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Field
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.cache import changes, records_changed
from portal.history import acting_as, audited, record_change, restore_fields
from portal.jobs import enqueue_on_commit
from portal.lib.text import slugify_vi
from portal.news.indexing import search_index_article
from portal.news.models import (
    Article,
    ArticleFeedback,
    ArticleRevision,
    ArticleSlugRedirect,
    ArticleStatus,
    FeedbackStatus,
)
from portal.news.renditions import image_names, make_renditions, renditions_missing
from portal.news.sanitize import clean_body
from portal.news.schedule import schedule_remember
from portal.scoping import require_writable
from portal.slugs import SLUG_MAX_LENGTH, unique_slug
from portal.sources.models import Source
from portal.sources.services import source_for_record

S = ArticleStatus
logger = logging.getLogger(__name__)

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
    # From an unpublished article, at the time saved on it; a scheduled one is moved to another
    # time by article_schedule too, not by a button (its time is changed on its form).
    Transition("schedule", gettext_lazy("Schedule"), frozenset({S.UNPUBLISHED}), "publish_article"),
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


# What the workflow services alone set: a new article never brings its own.
WORKFLOW_FIELDS = ("submitted_by", "submitted_at", "approved_by", "approved_at", "published_at")


@audited
@transaction.atomic
@changes("news")
def article_create(
    *, article: Article, by: User | None, many_to_many: Mapping[str, Iterable[Any]] | None = None
) -> Article:
    """Add `article` (not saved yet) as a draft, with its many-to-many values and a first revision.

    Whatever the instance says of its status, who submitted, approved or published it, it starts
    as a draft nobody has moved on: only the workflow's services move it. Needs add_article.
    """
    if article.pk is not None:
        raise ValueError("article_create adds a new article; article_save changes a saved one.")
    article.status = S.DRAFT
    for name in WORKFLOW_FIELDS:
        setattr(article, name, None)
    article.view_count = 0
    return _save(article, by=by, many_to_many=many_to_many)


@audited
@transaction.atomic
@changes("news")
def article_save(
    *, article: Article, by: User | None, many_to_many: Mapping[str, Iterable[Any]] | None = None
) -> Article:
    """Change a saved `article` (a new one goes through `article_create`) with its many-to-many
    values, keeping a revision of what changed. Needs change_article.

    The body is sanitised before it is stored. Once published, the slug no longer follows the
    title; a slug changed after publication leaves the old one as a redirect. Only the editable
    fields are written: the status and its who and when stay as the workflow left them.
    """
    if article.pk is None:
        return article_create(article=article, by=by, many_to_many=many_to_many)
    return _save(article, by=by, many_to_many=many_to_many)


# The stored fields `_save` does not write, put on the instance from the locked row.
_KEPT_FIELDS = tuple(
    f.attname
    for f in Article._meta.concrete_fields
    if f.name not in {*REVISED_FIELDS, "id", "updated_at", "renditions", "renditions_due"}
)


def _save(article: Article, *, by: User | None, many_to_many: Mapping[str, Iterable[Any]] | None) -> Article:
    adding = article.pk is None
    _require(by, "add_article" if adding else "change_article")
    article_check(article=article)
    stored = None if adding else Article.objects.select_for_update().get(pk=article.pk)
    if stored is not None:
        require_writable(stored, by)
        # What the workflow and the jobs wrote since `article` was read: not written back (the
        # fields saved are the editable ones), and the history row copies the instance.
        for name in _KEPT_FIELDS:
            setattr(article, name, getattr(stored, name))
    published_slug = stored.slug if stored is not None and stored.published_at is not None else None
    article.slug = _slug(article, published_slug)
    article.body = clean_body(article.body)
    previous = stored.revisions.first() if stored is not None else None
    # The editable fields only: the status, its who and when, and the view count are written
    # by their own services and must not be put back from a copy read before them.
    article.save(update_fields=None if adding else [*REVISED_FIELDS, "updated_at"])
    require_writable(article, by)  # still theirs: not given to another organisation
    for name, values in (many_to_many or {}).items():
        getattr(article, name).set(values)
    article_queue_renditions(article=article, made=stored.renditions if stored is not None else {})
    if published_slug is not None and published_slug != article.slug:
        ArticleSlugRedirect.objects.filter(old_slug=article.slug).delete()
        ArticleSlugRedirect.objects.get_or_create(old_slug=published_slug, defaults={"article": article})
    snapshot = _snapshot(article, many_to_many)
    before = previous.snapshot if previous is not None else {}
    changed = [name for name, value in snapshot.items() if before.get(name, "" if adding else None) != value]
    if adding:
        changed = [name for name in changed if snapshot[name] not in ("", None, [], False)]
    if "publish_at" in changed and article.status == S.SCHEDULED:
        transaction.on_commit(schedule_remember)
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
    require_writable(article, by)
    record_change(article, by=by, message=message)
    transaction.on_commit(schedule_remember)
    search_index_article(article=article)
    return article


def _locked(article: Article, by: User | None) -> Article:
    """`article` with its stored status, locked; refused unless `by` may change it."""
    locked = Article.objects.select_for_update().get(pk=article.pk)
    require_writable(locked, by)
    article.status = locked.status
    return article


@audited
@transaction.atomic
@changes("news")
def article_submit(*, article: Article, by: User | None) -> Article:
    """Send a draft (or an unpublished article) for review by a chief editor."""
    _check(_locked(article, by), "submit", by)
    return _move(
        article,
        to=S.SUBMITTED,
        by=by,
        message=_("Submitted for review."),
        submitted_by=by,
        submitted_at=timezone.now(),
    )


@audited
@transaction.atomic
@changes("news")
def article_approve(*, article: Article, by: User | None, now: dt.datetime | None = None) -> Article:
    """Approve a submitted article: published now, or scheduled when `publish_at` is still ahead.

    A second pair of eyes: the person who submitted it may not approve it, unless
    settings.NEWS_ALLOW_SELF_APPROVAL.
    """
    _check(_locked(article, by), "approve", by)
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


@audited
@transaction.atomic
@changes("news")
def article_publish(*, article: Article, by: User | None, now: dt.datetime | None = None) -> Article:
    """Publish an approved (scheduled) or unpublished article now."""
    _check(_locked(article, by), "publish", by)
    return _move(article, to=S.PUBLISHED, by=by, message=_("Published."), published_at=now or timezone.now())


@audited
@transaction.atomic
def article_as_source(*, article: Article, by: User | None) -> Source:
    """The source that is `article`, which records then cite (made on first use with the article's
    title, day of publication and source organisation). Only a published article is a source."""
    if not article.is_public:
        raise ValidationError(_("Only a published article can be a source."), code="not_public")
    return source_for_record(
        record=article,
        title=article.title,
        published_on=timezone.localdate(article.published_at) if article.published_at else None,
        publisher=article.source_organization.name if article.source_organization else "",
        by=by,
    )


@audited
@transaction.atomic
@changes("news")
def article_schedule(
    *,
    article: Article,
    by: User | None,
    publish_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> Article:
    """Schedule an unpublished article to be published again at `publish_at` (by default the time
    saved on it), or move a scheduled article to another time; the beat task publishes it then.

    The time must be ahead: to publish at once there is `article_publish`. A submitted article
    is scheduled by its approval (`article_approve`), which needs a second pair of eyes.
    """
    _locked(article, by)
    if article.status == S.SCHEDULED:
        _require(by, TRANSITIONS_BY_NAME["schedule"].permission)
    else:
        _check(article, "schedule", by)
    when = publish_at or article.publish_at
    if when is None or when <= (now or timezone.now()):
        raise ValidationError(
            {"publish_at": _("Set a publication time ahead of now to schedule the article.")},
            code="publish_at",
        )
    stored = Article.objects.only("publish_at").get(pk=article.pk).publish_at
    _move(
        article,
        to=S.SCHEDULED,
        by=by,
        message=_("Scheduled for %(time)s.") % {"time": date_format(timezone.localtime(when), "H:i d/m/Y")},
        publish_at=when,
    )
    if stored != when:  # the revisions keep the publication time too
        ArticleRevision.objects.create(
            article=article,
            by=by,
            at=timezone.now(),
            snapshot=_snapshot(article, None),
            changed=["publish_at"],
        )
    return article


@audited
@transaction.atomic
@changes("news")
def article_unpublish(*, article: Article, by: User | None) -> Article:
    """Take a published or scheduled article off the public site."""
    _check(_locked(article, by), "unpublish", by)
    return _move(article, to=S.UNPUBLISHED, by=by, message=_("Unpublished."))


@audited
@transaction.atomic
@changes("news")
def article_archive(*, article: Article, by: User | None) -> Article:
    """Put away an article that is not on the public site."""
    _check(_locked(article, by), "archive", by)
    return _move(article, to=S.ARCHIVED, by=by, message=_("Archived."))


@audited
@transaction.atomic
def article_restore_revision(*, revision: ArticleRevision, by: User | None) -> Article:
    """Put the fields kept by `revision` back on its article, saved as a new revision (one
    entry of the article's history, by `by`, its reason naming the revision)."""
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
    with acting_as(by, reason=_restored(revision.at)):
        return article_save(article=article, by=by, many_to_many=many_to_many)


def _restored(at: dt.datetime) -> str:
    return _("Restored the version of %(time)s.") % {"time": date_format(timezone.localtime(at), "H:i d/m/Y")}


@audited
@transaction.atomic
def article_restore(*, article: Article, version: Any, by: User | None) -> Article:
    """Put back the fields `article` had in `version`, an entry of its history (the admin's
    history page): its own fields, not its status (which moves by the workflow) nor its slug;
    links to other records and the revisions' many-to-many values stay as they are. Saved by
    `article_save` as a new revision and one entry of the history, by `by`."""
    if version.id != article.pk:
        raise ValidationError(_("This version is not one of this article's."), code="other_record")
    stored = Article.objects.select_for_update().get(pk=article.pk)
    require_writable(stored, by)
    restore_fields(stored, version)
    with acting_as(by, reason=_restored(version.history_date)):
        return article_save(article=stored, by=by)


def articles_publish_due(*, now: dt.datetime) -> int:
    """Publish every scheduled article whose time has come, dated at its scheduled time;
    returns how many. Acts as nobody: the chief editor who approved it decided already; the
    history names the job as the reason of the change."""
    published = 0
    with acting_as(None, reason=publish_due_job_name()):
        for article in Article.objects.filter(status=S.SCHEDULED, publish_at__lte=now).order_by("publish_at"):
            article_publish(article=article, by=None, now=article.publish_at)
            published += 1
    return published


def publish_due_job_name() -> str:
    """The publishing job as its history entries name it (in the language active when it runs)."""
    return _("Scheduled publishing (job)")


# --- Reader feedback -----------------------------------------------------------------------------

# How many messages one address may send in a window, before it must wait for the next one.
FEEDBACK_RATE_LIMIT = 5
FEEDBACK_RATE_WINDOW_SECONDS = 10 * 60


def feedback_ip_hash(ip: str | None) -> str:
    """A keyed hash of the sender's address: posts from one address can be told apart, and the
    address cannot be read back (nor found by hashing every address without the secret key)."""
    return salted_hmac("portal.news.feedback.ip", ip or "", algorithm="sha256").hexdigest()


def _feedback_allowed(ip_hash: str) -> bool:
    """Count one message from `ip_hash` in the cache; False past FEEDBACK_RATE_LIMIT in the window
    (a window starts with an address's first message)."""
    key = f"news:feedback-rate:{ip_hash}"
    cache.add(key, 0, timeout=FEEDBACK_RATE_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted or expired between add and incr: a new window
        cache.set(key, 1, timeout=FEEDBACK_RATE_WINDOW_SECONDS)
        count = 1
    return count <= FEEDBACK_RATE_LIMIT


@transaction.atomic
def feedback_submit(
    *, article: Article, name: str, email: str, message: str, ip: str | None
) -> ArticleFeedback:
    """Keep a reader's message on `article` for moderation; nothing shows until it is approved.

    Refused (ValidationError, code "rate_limited") past FEEDBACK_RATE_LIMIT messages from one
    address in FEEDBACK_RATE_WINDOW_SECONDS. The page is not rebuilt: a pending message changes
    nothing a reader sees."""
    ip_hash = feedback_ip_hash(ip)
    if not _feedback_allowed(ip_hash):
        raise ValidationError(
            _(
                "You have sent several messages in a short time. Please wait %(minutes)s minutes "
                "before sending another."
            )
            % {"minutes": FEEDBACK_RATE_WINDOW_SECONDS // 60},
            code="rate_limited",
        )
    feedback = ArticleFeedback(
        article=article, name=name.strip(), email=email.strip(), message=message.strip(), ip_hash=ip_hash
    )
    feedback.full_clean()
    feedback.save()
    return feedback


@audited
@transaction.atomic
@changes("news")
def feedback_moderate(*, feedback: ArticleFeedback, by: User | None, approve: bool) -> ArticleFeedback:
    """Approve (shown under the article) or reject (never shown) a reader's message.

    Needs the "moderate feedback" permission; a moderated message may be moderated again
    (an approval taken back)."""
    if by is not None and not by.has_perm("news.moderate_feedback"):
        raise PermissionDenied(_("You do not have permission to moderate reader feedback."))
    require_writable(ArticleFeedback.objects.select_for_update().get(pk=feedback.pk), by)
    feedback.status = FeedbackStatus.APPROVED if approve else FeedbackStatus.REJECTED
    feedback.moderated_by = by
    feedback.moderated_at = timezone.now()
    feedback.save(update_fields=["status", "moderated_by", "moderated_at"])
    require_writable(feedback, by)
    record_change(feedback, by=by, message=_("Approved.") if approve else _("Rejected."))
    return feedback


# --- Image renditions (portal/news/renditions.py) ---------------------------------------------


def article_queue_renditions(*, article: Article, made: Mapping[str, Any]) -> None:
    """When an image of the saved `article` has no renditions in `made` (what the stored row
    holds), mark it due and queue the task once the transaction commits; if the broker is down,
    `articles_make_missing_renditions` finds it by the mark."""
    from portal.news.tasks import make_article_renditions

    if not renditions_missing(cover=article.cover.name or "", body=article.body, renditions=made):
        return
    Article.objects.filter(pk=article.pk).update(renditions_due=True)
    enqueue_on_commit(make_article_renditions, article.pk)


def article_make_renditions(*, article_id: int) -> int:
    """Make the missing renditions of the article `article_id`'s images; returns how many images
    got them. Entries of images no longer used are dropped; an article deleted meanwhile, or
    being rendered by another worker, is skipped.

    The article is locked while its renditions are made (PostgreSQL), so the task queued on
    save and the sweep never make them twice; the write touches only the renditions, not the
    revision history nor `updated_at`.
    """
    with transaction.atomic():
        article = (
            Article.objects.select_for_update(skip_locked=True)
            .only("pk", "cover", "body", "renditions", "renditions_due")
            .filter(pk=article_id)
            .first()
        )
        if article is None:
            return 0
        names = image_names(cover=article.cover.name or "", body=article.body)
        renditions = {name: entry for name, entry in article.renditions.items() if name in names}
        made = 0
        for name in names:
            if name not in renditions:
                renditions[name] = make_renditions(name)
                made += 1
        if renditions != article.renditions or article.renditions_due:
            Article.objects.filter(pk=article.pk).update(renditions=renditions, renditions_due=False)
            records_changed("news")  # the cached pages get their srcsets
        return made


def articles_make_missing_renditions(*, limit: int = 200) -> int:
    """The sweep: make the renditions of articles still marked due (their task was never queued,
    or failed). Returns how many images got renditions; a storage failure on one article is
    logged and the others go on."""
    made = 0
    due = Article.objects.filter(renditions_due=True).order_by("pk").values_list("pk", flat=True)
    for article_id in due[:limit]:
        try:
            made += article_make_renditions(article_id=article_id)
        except (OSError, ValueError):
            logger.warning("The renditions of article %s could not be made.", article_id, exc_info=True)
    return made
