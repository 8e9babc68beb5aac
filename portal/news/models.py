"""The news CMS: categories, tags, articles, their revisions and the slugs they have left."""

from django.apps.registry import Apps
from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.files import UploadImageField
from portal.history import AuditedHistory
from portal.slugs import SLUG_MAX_LENGTH


class Category(models.Model):
    """A section of the news (chuyên mục), possibly under another one."""

    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        on_delete=models.PROTECT,
        related_name="children",
        null=True,
        blank=True,
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=SLUG_MAX_LENGTH, unique=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    history = AuditedHistory()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("news:category_detail", args=[self.slug])


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=SLUG_MAX_LENGTH, unique=True)

    history = AuditedHistory()

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("news:tag_detail", args=[self.slug])


class ArticleStatus(models.TextChoices):
    """Where an article stands. Approval is a step, not a state: an approved article is either
    published at once or scheduled for its publication time."""

    DRAFT = "draft", pgettext_lazy("article status", "draft")
    SUBMITTED = "submitted", _("submitted for review")
    SCHEDULED = "scheduled", _("scheduled")
    PUBLISHED = "published", _("published")
    UNPUBLISHED = "unpublished", _("unpublished")
    ARCHIVED = "archived", _("archived")


class Article(models.Model):
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=SLUG_MAX_LENGTH,
        unique=True,
        blank=True,
        help_text=_(
            "Made from the title when left empty. Once published, a changed slug redirects from the old."
        ),
    )
    # "lead" alone is the lead party of an agreement.
    lead = models.TextField(pgettext_lazy("article", "lead"), blank=True)
    body = models.TextField(_("body"), blank=True)
    cover = UploadImageField(_("cover image"), kind="photo", folder="news/covers", blank=True)
    cover_caption = models.CharField(_("cover caption"), max_length=500, blank=True)
    cover_alt = models.CharField(
        _("cover alternative text"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it. Required with a cover image."),
    )
    byline = models.CharField(_("byline"), max_length=300, blank=True)
    source_organization = models.ForeignKey(
        "committees.Organization",
        verbose_name=_("source organisation"),
        on_delete=models.PROTECT,
        related_name="articles",
        null=True,
        blank=True,
    )
    categories = models.ManyToManyField(
        Category, verbose_name=_("categories"), related_name="articles", blank=True
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), related_name="articles", blank=True)
    events = models.ManyToManyField(
        "events.Event", verbose_name=_("events"), related_name="articles", blank=True
    )
    agreements = models.ManyToManyField(
        "agreements.Agreement", verbose_name=_("agreements"), related_name="articles", blank=True
    )
    organizations = models.ManyToManyField(
        "committees.Organization", verbose_name=_("organisations"), related_name="articles_about", blank=True
    )
    people = models.ManyToManyField(
        "committees.Person", verbose_name=_("people"), related_name="articles", blank=True
    )
    decisions = models.ManyToManyField(
        "committees.Decision", verbose_name=_("decisions"), related_name="articles", blank=True
    )
    featured = models.BooleanField(_("featured"), default=False)
    seo_title = models.CharField(_("SEO title"), max_length=200, blank=True)
    seo_description = models.CharField(_("SEO description"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT, editable=False
    )
    publish_at = models.DateTimeField(
        _("publish at"), null=True, blank=True, help_text=_("Leave empty to publish on approval.")
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        editable=False,
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        editable=False,
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, editable=False, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    view_count = models.PositiveIntegerField(_("views"), default=0, editable=False)
    # What portal.news.renditions made of the cover and the body's own images, by stored name:
    # {name: {"width", "height", "webp": [[width, name], ...], "original": [[width, name], ...]}},
    # so that a page renders its srcsets without another query. Written by the rendition task
    # only; `renditions_due` marks an article whose images have no renditions yet (the sweep's list).
    renditions = models.JSONField(_("image renditions"), default=dict, blank=True, editable=False)
    renditions_due = models.BooleanField(_("renditions due"), default=False, editable=False, db_index=True)

    # The history keeps what people change; the view counter and the renditions are kept up by
    # jobs (portal/news/counters.py, renditions.py) and are no edit of the article.
    history = AuditedHistory(excluded_fields=["view_count", "renditions", "renditions_due"])

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [
            ("submit_article", _("Can submit an article for review")),
            ("approve_article", _("Can approve an article")),
            ("publish_article", _("Can publish an article")),
            ("unpublish_article", _("Can unpublish an article")),
        ]
        indexes = [
            # The lists' reads: the id lets a count or a join by id over the public articles
            # read the index alone (an index-only scan), never the wide rows.
            models.Index(fields=["status", "published_at", "id"], name="news_article_public_list"),
            # "Most read" on the home page: the top of this index, not a sort of every article.
            models.Index(fields=["-view_count", "-published_at", "-id"], name="news_article_most_read"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:article_detail", args=[self.slug])

    @property
    def is_public(self) -> bool:
        """Published and its time come (as `selectors.articles_public`): what may link to it."""
        return (
            self.status == ArticleStatus.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


class ArticleSlugRedirect(models.Model):
    """A slug an article was published under: its old address answers with a redirect."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="slug_redirects"
    )
    old_slug = models.SlugField(_("old slug"), max_length=SLUG_MAX_LENGTH, unique=True)

    class Meta:
        verbose_name = _("old article address")
        verbose_name_plural = _("old article addresses")

    def __str__(self):
        return self.old_slug


class ArticleRevision(models.Model):
    """The editable fields of an article as one save left them, and which of them it changed."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="revisions"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
    )
    at = models.DateTimeField(_("at"))
    snapshot = models.JSONField(_("content"))
    changed = models.JSONField(_("fields changed"), default=list)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")

    def __str__(self):
        return f"{self.article} · {timezone.localtime(self.at):%H:%M %d/%m/%Y}"


# --- Reader feedback -----------------------------------------------------------------------------


class FeedbackStatus(models.TextChoices):
    PENDING = "pending", _("awaiting moderation")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class ArticleFeedback(models.Model):
    """A reader's comment on an article (phản hồi): shown under it only once a moderator approves it.

    The sender's address is kept only as a keyed hash (`ip_hash`), enough to tell one sender's
    posts apart, never the address itself."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="feedback"
    )
    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("e-mail"), max_length=254)
    message = models.TextField(_("message"), max_length=3000)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=FeedbackStatus.choices,
        default=FeedbackStatus.PENDING,
        editable=False,
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        editable=False,
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, editable=False)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    ip_hash = models.CharField(_("sender's address (hashed)"), max_length=64, editable=False)

    history = AuditedHistory()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("reader feedback")
        verbose_name_plural = _("reader feedback")
        permissions = [("moderate_feedback", _("Can approve or reject reader feedback"))]
        indexes = [models.Index(fields=["article", "status", "created_at"], name="news_feedback_shown")]

    def __str__(self):
        return f"{self.name} · {self.article}"


class ArticleImage(models.Model):
    """A picture uploaded from the editor into an article's body (portal/news/images.py)."""

    file = UploadImageField(_("file"), kind="body_image", folder="news/images")
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    history = AuditedHistory()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("article image")
        verbose_name_plural = _("article images")

    def __str__(self):
        return self.file.name


class SiteVisits(models.Model):
    """How many distinct visitors the public site had on one day (Asia/Ho_Chi_Minh), moved here
    from the cache's counters by the flush task (portal.news.counters)."""

    day = models.DateField(_("day"), unique=True)
    visitors = models.PositiveIntegerField(_("visitors"), default=0)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("site visits of a day")
        verbose_name_plural = _("site visits by day")

    def __str__(self):
        return f"{self.day:%d/%m/%Y}: {self.visitors}"


# --- Search ------------------------------------------------------------------------------------


class SearchKind(models.TextChoices):
    """What a search entry stands for. Decisions and legal documents are shown as one group."""

    ARTICLE = "article", _("article")
    EVENT = "event", _("event")
    ORGANIZATION = "organization", _("organisation")
    PERSON = "person", _("person")
    DECISION = "decision", _("decision")
    LEGAL_DOCUMENT = "legal_document", _("legal document")


class SearchEntry(models.Model):
    """One public record as the search reads it: its title and text as shown, the same folded
    (portal.lib.search.search_key) for matching, and on PostgreSQL a tsvector of the folded
    words (title weighted A, text D) under a GIN index made by migration 0007_search.

    Kept by the services: an article's entry by the article services (only while it is
    published), the other kinds' by `search_refresh` when their records change.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=SearchKind.choices)
    object_id = models.PositiveIntegerField(_("record"))
    title = models.CharField(_("title"), max_length=500)
    text = models.TextField(_("text"), blank=True)
    folded_title = models.CharField(_("folded title"), max_length=800)
    folded_text = models.TextField(_("folded text"), blank=True)
    vector = SearchVectorField(_("search vector"), null=True, editable=False)
    date = models.DateTimeField(_("date"), null=True, blank=True)
    url = models.CharField(_("address"), max_length=500)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="news_search_entry_unique")]
        indexes = [models.Index(fields=["kind", "date"], name="news_search_kind_date")]

    def __str__(self):
        return self.title


class SearchStale(models.Model):
    """A kind of search entries whose rebuild could not be queued (the broker was down): the
    sweep news.search_refresh_stale rebuilds it and removes the mark."""

    kind = models.CharField(_("kind"), max_length=20, choices=SearchKind.choices, unique=True)
    marked_at = models.DateTimeField(_("marked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("stale search entries")
        verbose_name_plural = _("stale search entries")

    def __str__(self):
        return self.kind


class SearchNarrow(models.Model):
    """On PostgreSQL, a narrow copy of each search entry (same id) that the search counts and
    dates its matches from: kind, record, date and the vector without positions, in the row.
    Kept by triggers on the entries (migration 0011_search_narrow); not made elsewhere.

    Registered apart (as Django's own MigrationRecorder.Migration is), so that neither
    migrations, dumpdata (the backups) nor the admin see it: it is derived, never data."""

    id = models.BigIntegerField(primary_key=True)
    kind = models.CharField(max_length=20)
    object_id = models.IntegerField()
    date = models.DateTimeField(null=True)
    vector = SearchVectorField(null=True)

    class Meta:
        apps = Apps()
        app_label = "news"
        managed = False
        db_table = "news_searchnarrow"

    def __str__(self):
        return f"{self.kind} {self.object_id}"
