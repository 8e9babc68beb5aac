"""The agreement's screen, its lifecycle buttons and actions, and the staff dashboard.

The agreement, its parties, directions, tasks and reviews are one change form, written by
`agreement_save` (which schedules the reviews from the rules and marks a newly superseded
agreement "revised"); a task's new status is given by `task_set_status`. The agreement's
status is read-only there and changes through buttons at the top of the page and list
actions, which call `agreement_transition`.
"""

from dataclasses import dataclass

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from agreements import selectors
from agreements.admin.filters import (
    AgreementStatusListFilter,
    ExpiringListFilter,
    OverdueListFilter,
    PartyListFilter,
    ReviewDueListFilter,
    SignedYearListFilter,
)
from agreements.admin.inlines import (
    DirectionInline,
    MilestoneInline,
    PartyInline,
    StatusChangeInline,
    TaskInline,
)
from agreements.forms import AgreementForm
from agreements.models import Agreement, AgreementStatus, Milestone, Task
from agreements.models.agreements import TRANSITIONS
from agreements.services import agreement_restore, agreement_save, agreement_transition, task_set_status
from portal.admin import ServiceWritesAdminMixin
from portal.scoping import ScopedModelAdmin, ScopedRelatedListFilter, SiblingRowsAdminMixin
from portal.services import Rows, many_to_many_of
from portal.sources.admin import CitedAdminMixin

S = AgreementStatus


@dataclass(frozen=True)
class Transition:
    """A button and list action moving agreements to status `to`.

    `sources` names the statuses it is meant for when two buttons lead to the same status
    ("bring into force" a draft, "return to force" after a review); None leaves the
    decision to the lifecycle (`agreement_transition`).
    """

    name: str
    label: Promise
    to: str
    sources: frozenset[str] | None = None

    def is_offered_from(self, status: str) -> bool:
        return (self.sources is None or status in self.sources) and self.to in TRANSITIONS[status]


LIFECYCLE = (
    Transition("bring_into_force", _("Bring into force"), S.IN_FORCE, frozenset({S.DRAFT})),
    Transition("start_review", _("Start the review"), S.UNDER_REVIEW),
    Transition(
        "return_to_force", _("Return to force after the review"), S.IN_FORCE, frozenset({S.UNDER_REVIEW})
    ),
    Transition("mark_expired", _("Mark as expired"), S.EXPIRED),
    Transition("terminate", _("Terminate"), S.TERMINATED),
)
LIFECYCLE_BY_NAME = {transition.name: transition for transition in LIFECYCLE}
REGION_PARAMETER = "parties__organization__region__id__exact"
NO_REGION_PARAMETER = "parties__organization__region__isnull"


def _lifecycle_action(transition: Transition):
    @admin.action(description=transition.label, permissions=["change"])
    def action(model_admin, request, queryset):
        model_admin.transition_selected(request, queryset, transition)

    action.__name__ = transition.name
    return action


@admin.register(Agreement)
class AgreementAdmin(CitedAdminMixin, SiblingRowsAdminMixin, ServiceWritesAdminMixin, ScopedModelAdmin):
    form = AgreementForm
    fieldsets = [
        (
            None,
            {
                "fields": ("kind", "title", "slug", "number", "status"),
                "description": _(
                    "The status changes with the buttons at the top of the page once the agreement "
                    "is saved; its history is at the bottom."
                ),
            },
        ),
        (
            _("Signing and validity"),
            {
                "fields": (
                    ("signed_on", "signing_event"),
                    ("effective_from", "effective_to"),
                    ("covers_from", "covers_to"),
                ),
                "description": _("Dates are typed as dd/mm/yyyy."),
            },
        ),
        (
            _("Review rules"),
            {
                "fields": (("interim_review_months", "final_review_months"),),
                "description": _(
                    "With a rule, the review is scheduled below when the agreement is saved, counted "
                    "from the signing day (or the first day in force)."
                ),
            },
        ),
        (_("Related records"), {"fields": ("legal_documents", "events", "supersedes")}),
        (_("Content"), {"fields": ("summary", "text", "file")}),
    ]
    readonly_fields = ("status",)
    inlines = [PartyInline, DirectionInline, TaskInline, MilestoneInline, StatusChangeInline]
    list_display = ("title", "kind", "status_today", "signed", "party_count")
    list_filter = (
        "kind",
        AgreementStatusListFilter,
        ("parties__organization", PartyListFilter),
        ("parties__organization__region", ScopedRelatedListFilter),
        SignedYearListFilter,
        ExpiringListFilter,
    )
    search_fields = ("title", "number", "parties__organization__name", "parties__organization__short_name")
    date_hierarchy = "signed_on"
    autocomplete_fields = ("signing_event", "legal_documents", "events", "supersedes")
    actions = [_lifecycle_action(transition) for transition in LIFECYCLE]
    restore_service = staticmethod(agreement_restore)

    def get_queryset(self, request):
        return selectors.agreements_with_party_count(super().get_queryset(request))

    @admin.display(description=_("status"), ordering="status")
    def status_today(self, agreement: Agreement) -> str:
        """The status readers see: "expired" once past its end, before the daily job records it."""
        return agreement.get_shown_status_display()

    @admin.display(description=_("signed on"), ordering="signed_on")
    def signed(self, agreement: Agreement) -> str | None:
        return date_format(agreement.signed_on, "SHORT_DATE_FORMAT") if agreement.signed_on else None

    @admin.display(description=_("parties"), ordering="party_count")
    def party_count(self, agreement: Agreement) -> int:
        return agreement.party_count

    # --- Saving ---------------------------------------------------------------------------------

    def save_aggregate(self, request, form, formsets, change):
        statuses = [
            (task_form.instance, to)
            for formset in formsets
            if formset.model is Task
            for task_form in formset.kept_forms()
            if (to := task_form.status_change()) is not None
        ]
        agreement_save(
            agreement=form.instance,
            by=request.user,
            many_to_many=many_to_many_of(form),
            rows=[Rows.from_formset(formset) for formset in formsets],
        )
        for task, to in statuses:
            task_set_status(task=task, to=to, by=request.user)

    # --- The lifecycle ------------------------------------------------------------------------------

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "dashboard/",
                self.admin_site.admin_view(self.dashboard_view),
                name="{}_{}_dashboard".format(*info),
            ),
            path(
                "<path:object_id>/transition/<slug:name>/",
                self.admin_site.admin_view(self.transition_view),
                name="{}_{}_transition".format(*info),
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None and self.has_change_permission(request, obj):
            context["lifecycle"] = [t for t in LIFECYCLE if t.is_offered_from(obj.status)]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def changelist_view(self, request, extra_context=None):
        # Django drops an action the user may not run with a "no action selected" message;
        # a lifecycle action posted without the change permission is refused outright.
        posted = set(request.POST.getlist("action")) if request.method == "POST" else set()
        if posted & LIFECYCLE_BY_NAME.keys() and not self.has_change_permission(request):
            raise PermissionDenied
        return super().changelist_view(request, extra_context)

    def transition_view(self, request, object_id, name):
        """A button of the change page: move this agreement to another status."""
        transition = LIFECYCLE_BY_NAME.get(name)
        if transition is None:
            raise Http404
        if not self.has_change_permission(request):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        agreement = self.get_object(request, unquote(object_id))
        if agreement is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, agreement):
            raise PermissionDenied
        if self.apply_transition(request, agreement, transition):
            self.message_user(
                request,
                gettext("“%(agreement)s” is now “%(status)s”.")
                % {"agreement": agreement, "status": S(transition.to).label},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(self.change_url(agreement))

    def transition_selected(self, request, queryset, transition: Transition) -> None:
        moved = sum(self.apply_transition(request, agreement, transition) for agreement in queryset)
        if moved:
            message = ngettext(
                "%(count)d agreement is now “%(status)s”.",
                "%(count)d agreements are now “%(status)s”.",
                moved,
            )
            self.message_user(
                request, message % {"count": moved, "status": S(transition.to).label}, messages.SUCCESS
            )

    def apply_transition(self, request, agreement: Agreement, transition: Transition) -> bool:
        """Move one agreement through `agreement_transition`; on refusal, say why and change nothing."""
        if transition.sources is not None and agreement.status not in transition.sources:
            reason = gettext("“%(action)s” does not apply to an agreement that is “%(status)s”.") % {
                "action": transition.label,
                "status": agreement.get_status_display(),
            }
        else:
            try:
                agreement_transition(agreement=agreement, to=transition.to, by=request.user)
            except ValidationError as error:
                reason = " ".join(error.messages)
            else:
                return True
        messages.error(
            request,
            gettext("“%(agreement)s” was not changed: %(reason)s")
            % {"agreement": agreement, "reason": reason},
        )
        return False

    # --- The dashboard ------------------------------------------------------------------------------

    def dashboard_view(self, request):
        """The figures the secretariat follows, each linked to the list of what it counts."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        figures = selectors.dashboard_figures(today=timezone.localdate())
        active = {AgreementStatusListFilter.parameter_name: AgreementStatusListFilter.ACTIVE}
        regions = [
            {
                "name": row.name or gettext("Region unknown"),
                "count": row.count,
                "url": self.changelist_url(
                    Agreement,
                    active
                    | (
                        {REGION_PARAMETER: row.region_id}
                        if row.region_id is not None
                        else {NO_REGION_PARAMETER: "True"}
                    ),
                ),
            }
            for row in figures.active_by_region
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Agreements dashboard"),
            "opts": self.opts,
            "app_label": self.opts.app_label,
            "figures": figures,
            "regions": regions,
            "active_url": self.changelist_url(Agreement, active),
            "reviews_due_url": self.changelist_url(
                Milestone, {ReviewDueListFilter.parameter_name: ReviewDueListFilter.SOON}
            ),
            "tasks_overdue_url": self.changelist_url(
                Task, {OverdueListFilter.parameter_name: OverdueListFilter.YES}
            ),
            "expiring_url": self.changelist_url(
                Agreement, {ExpiringListFilter.parameter_name: ExpiringListFilter.SOON}
            ),
            "review_days": selectors.REVIEW_HORIZON_DAYS,
            "expiry_days": selectors.EXPIRY_HORIZON_DAYS,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/agreements/agreement/dashboard.html", context)
