"""The news in the admin: categories, tags, and articles written and moved through the services."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from portal.admin import ReadOnlyInlineMixin, ServiceWritesAdminMixin
from portal.forms import SlugFromTextForm
from portal.lib.diff import html_diff
from portal.news import images, preview, schedule, selectors, services
from portal.news.forms import ArticleForm
from portal.news.models import Article, ArticleFeedback, ArticleRevision, Category, Tag
from portal.scoping import ScopedModelAdmin, ScopedTabularInline, may_write, staff_scope
from portal.services import many_to_many_of


class NameSlugForm(SlugFromTextForm):
    def slug_text(self, cleaned_data: dict) -> str:
        return cleaned_data.get("name") or ""


@admin.register(Category)
class CategoryAdmin(ScopedModelAdmin):
    form = NameSlugForm
    fields = ("name", "slug", "parent", "order")
    list_display = ("name", "parent", "order")
    list_editable = ("order",)
    list_select_related = ("parent",)
    search_fields = ("name",)


@admin.register(Tag)
class TagAdmin(ScopedModelAdmin):
    form = NameSlugForm
    fields = ("name", "slug")
    list_display = ("name", "slug")
    search_fields = ("name",)


class RevisionInline(ReadOnlyInlineMixin, ScopedTabularInline):
    model = ArticleRevision
    fields = ("at", "by", "changed_fields", "compare", "restore")
    readonly_fields = fields
    verbose_name_plural = _("revisions (each save)")

    def get_queryset(self, request):
        # Each snapshot holds a whole body: the list shows who, when and what changed only.
        return super().get_queryset(request).select_related("by").defer("snapshot")

    @admin.display(description=_("fields changed"))
    def changed_fields(self, revision: ArticleRevision) -> str:
        return services.field_names(revision.changed)

    @admin.display(description=_("compare"))
    def compare(self, revision: ArticleRevision) -> str:
        url = reverse("admin:news_article_compare", args=[revision.article_id, revision.pk])
        return format_html(
            '<a href="{}">{}</a> · <a href="{}?with=previous">{}</a>',
            url,
            gettext("with the current article"),
            url,
            gettext("with the previous revision"),
        )

    @admin.display(description=_("restore"))
    def restore(self, revision: ArticleRevision) -> str:
        # A button of the change form posting to the restore page (forms cannot nest).
        url = reverse("admin:news_article_restore", args=[revision.article_id, revision.pk])
        return format_html(
            '<button type="submit" class="button" formaction="{}" formnovalidate>{}</button>',
            url,
            gettext("Restore this revision"),
        )


class LateFilter(admin.SimpleListFilter):
    """The scheduled articles late to publish (selectors.articles_scheduled_late)."""

    title = _("publication")
    parameter_name = "late"

    def lookups(self, request, model_admin):
        return [("1", _("late to publish"))]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.filter(pk__in=selectors.articles_scheduled_late().values("pk"))
        return queryset


@admin.register(Article)
class ArticleAdmin(ServiceWritesAdminMixin, ScopedModelAdmin):
    form = ArticleForm
    fieldsets = [
        (
            None,
            {
                "fields": ("title", "slug", "status", "lead", "body", "byline", "source_organization"),
                "description": _(
                    "The status changes with the buttons at the top of the page once the article is saved."
                ),
            },
        ),
        (_("Cover image"), {"fields": ("cover", "cover_caption", "cover_alt")}),
        (_("Classification"), {"fields": ("categories", "tags", "featured")}),
        (_("Related records"), {"fields": ("events", "agreements", "organizations", "people", "decisions")}),
        (
            _("Publication"),
            {
                "fields": (
                    "publish_at",
                    ("submitted_by", "submitted_at"),
                    ("approved_by", "approved_at"),
                    "published_at",
                    "preview_link",
                )
            },
        ),
        (_("Search engines"), {"fields": ("seo_title", "seo_description"), "classes": ["collapse"]}),
    ]
    readonly_fields = (
        "status",
        "submitted_by",
        "submitted_at",
        "approved_by",
        "approved_at",
        "published_at",
        "preview_link",
    )
    inlines = [RevisionInline]
    list_display = ("title", "status", "published_at", "featured")
    list_filter = ("status", LateFilter, "featured", "categories")
    search_fields = ("title", "lead", "byline")
    date_hierarchy = "published_at"
    filter_horizontal = ("categories", "tags")
    autocomplete_fields = (
        "source_organization",
        "events",
        "agreements",
        "organizations",
        "people",
        "decisions",
    )

    actions = ["use_as_source"]

    restore_service = staticmethod(services.article_restore)

    # --- The source organisation: whose article it is (portal/scoping.py, RULES "news.article") ---

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Offered among the user's own organisations (the mixin); required unless they see
        # everything, as an article without one is seen by system administrators only.
        if db_field.name == "source_organization" and not staff_scope(request.user).everything:
            kwargs["required"] = True
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_autocomplete_fields(self, request):
        # A scoped user chooses among their own few organisations: a plain list of exactly
        # those (the autocomplete would also answer the organisations above theirs).
        fields = super().get_autocomplete_fields(request)
        if staff_scope(request.user).everything:
            return fields
        return tuple(name for name in fields if name != "source_organization")

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        scope = staff_scope(request.user)
        if "source_organization" not in initial and not scope.everything and len(scope.memberships) == 1:
            initial["source_organization"] = scope.memberships[0]
        return initial

    def has_use_as_source_permission(self, request) -> bool:
        return request.user.has_perm("sources.add_source")

    @admin.action(description=_("Use as a source (records can then cite it)"), permissions=["use_as_source"])
    def use_as_source(self, request, queryset):
        made, refused = [], []
        for article in queryset:
            try:
                made.append(services.article_as_source(article=article, by=request.user))
            except ValidationError:
                refused.append(article.title)
        if made:
            links = format_html_join(
                "; ",
                '<a href="{}">{}</a>',
                ((reverse("admin:sources_source_change", args=[source.pk]), source.title) for source in made),
            )
            self.message_user(
                request, format_html("{} {}", gettext("Sources ready to cite:"), links), messages.SUCCESS
            )
        if refused:
            self.message_user(
                request,
                gettext("Only published articles can be sources; not used: %(titles)s")
                % {"titles": "; ".join(refused)},
                messages.WARNING,
            )

    # --- Scheduled articles late to publish: said on the list and on their page, never silently ---

    def changelist_view(self, request, extra_context=None):
        if request.method == "GET":
            late = selectors.articles_scheduled_late().count()
            if late:
                url = f"{reverse('admin:news_article_changelist')}?late=1"
                self.message_user(
                    request,
                    format_html('<a href="{}">{}</a>', url, schedule.late_message(late)),
                    messages.WARNING,
                )
        return super().changelist_view(request, extra_context)

    def save_aggregate(self, request, form, formsets, change):
        service = services.article_save if change else services.article_create
        service(article=form.instance, by=request.user, many_to_many=many_to_many_of(form))

    @admin.display(description=_("preview link"))
    def preview_link(self, article: Article) -> str:
        if article.pk is None:
            return gettext("Save the article to get a preview link.")
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a><div class="help">{}</div>',
            preview.preview_url(article),
            gettext("Preview the article as readers will see it"),
            gettext("Anyone holding this link can read the article, published or not, for %(days)s days.")
            % {"days": preview.max_age().days},
        )

    # --- The workflow ---------------------------------------------------------------------------

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/workflow/<slug:name>/",
                self.admin_site.admin_view(self.workflow_view),
                name="{}_{}_workflow".format(*info),
            ),
            path(
                "<path:object_id>/revisions/<int:revision_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name="{}_{}_restore".format(*info),
            ),
            path(
                "<path:object_id>/revisions/<int:revision_id>/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="{}_{}_compare".format(*info),
            ),
            path(
                "images/upload/",
                self.admin_site.admin_view(self.image_upload_view),
                name="{}_{}_image_upload".format(*info),
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None and request.method == "GET" and schedule.is_late(obj):
            self.message_user(
                request,
                gettext(
                    "This article was to be published at %(time)s and is not yet: "
                    "the publishing job may not be running."
                )
                % {"time": date_format(timezone.localtime(obj.publish_at), "H:i d/m/Y")},
                messages.WARNING,
            )
        if obj is not None and obj.pk is not None:
            # The steps this user may take (none on another organisation's article); the
            # service checks again when one is pressed.
            context["workflow"] = [
                transition
                for transition in services.transitions_offered(obj)
                if request.user.has_perm(f"news.{transition.permission}") and self._writable(request, obj)
            ]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _posted_article(self, request, object_id) -> Article:
        """The article a button posts to: 404 outside what the user sees (the scoped list),
        refused when it is not theirs to change (the service would refuse it too)."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404
        if not may_write(article, request.user):
            raise PermissionDenied
        return article

    def workflow_view(self, request, object_id, name):
        """A button of the change page: one step of the workflow, through its service."""
        transition = services.TRANSITIONS_BY_NAME.get(name)
        if transition is None:
            raise Http404
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._posted_article(request, object_id)
        service = getattr(services, f"article_{transition.name}")
        try:
            service(article=article, by=request.user)
        except (ValidationError, PermissionDenied) as error:
            self._refused(request, article, error)
        else:
            self.message_user(
                request,
                gettext("“%(article)s” is now “%(status)s”.")
                % {"article": article, "status": article.get_status_display()},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(self.change_url(article))

    def _refused(self, request, article: Article, error: ValidationError | PermissionDenied) -> None:
        """Say why the service refused, and that nothing changed."""
        reason = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        self.message_user(
            request,
            gettext("“%(article)s” was not changed: %(reason)s") % {"article": article, "reason": reason},
            messages.ERROR,
        )

    def restore_view(self, request, object_id, revision_id):
        """The restore button of a revision: its fields back on the article, as a new revision."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._posted_article(request, object_id)
        revision = article.revisions.filter(pk=revision_id).first()
        if revision is None:
            raise Http404
        try:
            services.article_restore_revision(revision=revision, by=request.user)
        except (ValidationError, PermissionDenied) as error:
            self._refused(request, article, error)
        else:
            self.message_user(request, gettext("The revision has been restored."), messages.SUCCESS)
        return HttpResponseRedirect(self.change_url(article))

    # --- Revisions compared ---------------------------------------------------------------------

    COMPARED_FIELDS = ("title", "lead", "body")

    def compare_view(self, request, object_id, revision_id):
        """A revision beside the current article (or, `?with=previous`, beside the revision
        before it): the title, lead and body with what was removed and added marked."""
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        revision = article.revisions.select_related("by").filter(pk=revision_id).first()
        if revision is None:
            raise Http404
        against_previous = request.GET.get("with") == "previous"
        if against_previous:
            previous = article.revisions.filter(pk__lt=revision.pk).order_by("-pk").only("snapshot").first()
            old, new = (previous.snapshot if previous is not None else {}), revision.snapshot
        else:
            old = revision.snapshot
            new = {name: getattr(article, name) for name in self.COMPARED_FIELDS}
        differences = [
            {
                "label": Article._meta.get_field(name).verbose_name,
                "changed": old.get(name, "") != new.get(name, ""),
                # Escaped by html_diff: only its <del> and <ins> marks are markup.
                "diff": mark_safe(  # noqa: S308
                    html_diff(old.get(name, "") or "", new.get(name, "") or "", markup=name == "body")
                ),
            }
            for name in self.COMPARED_FIELDS
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Compare revisions"),
            "article": article,
            "revision": revision,
            "against_previous": against_previous,
            "differences": differences,
            "can_restore": self.has_change_permission(request, article),
        }
        return TemplateResponse(request, "admin/news/article/revision_compare.html", context)

    # --- Pictures from the editor --------------------------------------------------------------

    def image_upload_view(self, request):
        """CKEditor's upload address (its SimpleUploadAdapter): {"url": …} for a stored picture,
        {"error": {"message": …}} with the reason otherwise."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not images.may_upload(request.user):
            return _upload_error(gettext("You do not have permission to upload pictures for articles."), 403)
        file = request.FILES.get("upload")
        if file is None:
            return _upload_error(gettext("Choose a picture to upload."), 400)
        try:
            image = images.article_image_upload(file=file, by=request.user)
        except ValidationError as error:
            return _upload_error(" ".join(error.messages), 400)
        return JsonResponse({"url": image.file.url, "width": image.width, "height": image.height})


def _upload_error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": {"message": message}}, status=status)


@admin.register(ArticleFeedback)
class ArticleFeedbackAdmin(ScopedModelAdmin):
    """Readers' messages, read-only: a moderator approves or rejects the selected ones, through
    `feedback_moderate`; nothing else about a message can be changed."""

    list_display = ("name", "article", "short_message", "status", "created_at", "moderated_by")
    list_filter = ("status",)
    list_select_related = ("article", "moderated_by")
    search_fields = ("name", "email", "message")
    date_hierarchy = "created_at"
    fields = ("article", "name", "email", "message", "status", "created_at", "moderated_by", "moderated_at")
    readonly_fields = fields
    actions = ["approve_selected", "reject_selected"]

    @admin.display(description=_("message"))
    def short_message(self, feedback: ArticleFeedback) -> str:
        return feedback.message if len(feedback.message) <= 80 else feedback.message[:79] + "…"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_moderate_permission(self, request) -> bool:
        return request.user.has_perm("news.moderate_feedback")

    @admin.action(
        description=_("Approve the selected feedback (shown under the article)"), permissions=["moderate"]
    )
    def approve_selected(self, request, queryset):
        self._moderate(request, queryset, approve=True)

    @admin.action(description=_("Reject the selected feedback (never shown)"), permissions=["moderate"])
    def reject_selected(self, request, queryset):
        self._moderate(request, queryset, approve=False)

    def _moderate(self, request, queryset, *, approve: bool) -> None:
        feedback_list = list(queryset)
        try:
            for feedback in feedback_list:
                services.feedback_moderate(feedback=feedback, by=request.user, approve=approve)
        except PermissionDenied as error:
            self.message_user(request, str(error), messages.ERROR)
            return
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return
        message = (
            ngettext("%(count)d message approved.", "%(count)d messages approved.", len(feedback_list))
            if approve
            else ngettext("%(count)d message rejected.", "%(count)d messages rejected.", len(feedback_list))
        )
        self.message_user(request, message % {"count": len(feedback_list)}, messages.SUCCESS)
