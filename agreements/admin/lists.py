"""Read-only lists of the tasks and reviews of every agreement, which the dashboard links to.

Tasks and reviews are entered on their agreement's screen; these lists only gather them
across agreements ("overdue", "due soon"), each row linking to its agreement. Whoever may
see agreements may see them.
"""

from django.contrib import admin
from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from agreements.admin.filters import OverdueListFilter, ReviewDueListFilter
from agreements.admin.inlines import TaskStatusChangeInline
from agreements.models import Agreement, Milestone, Task
from portal.scoping import ScopedModelAdmin


class AgreementRowsAdmin(ScopedModelAdmin):
    """A list of rows of agreements, read-only, visible to whoever may see agreements."""

    list_display_links = None

    def _agreement_admin(self):
        return self.admin_site.get_model_admin(Agreement)

    def has_view_permission(self, request, obj=None):
        return self._agreement_admin().has_view_permission(request)

    def has_module_permission(self, request):
        return self._agreement_admin().has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("agreement"), ordering="agreement__title")
    def agreement_link(self, row) -> str:
        url = reverse(
            "admin:agreements_agreement_change",
            args=[quote(row.agreement_id)],
            current_app=self.admin_site.name,
        )
        return format_html('<a href="{}">{}</a>', url, row.agreement.title)

    @admin.display(description=_("due on"), ordering="due_on")
    def due(self, row) -> str | None:
        return date_format(row.due_on, "SHORT_DATE_FORMAT") if row.due_on else None


@admin.register(Task)
class TaskAdmin(AgreementRowsAdmin):
    """The tasks of every agreement; a task's page shows it read-only with its status history."""

    list_display = ("title", "agreement_link", "owner_name", "due", "status")
    list_display_links = ("title",)
    # The status is not a form field (only task_set_status writes it): named here to be shown.
    fields = (
        "agreement",
        "direction",
        "title",
        "owner",
        "due_on",
        "status",
        "order",
        "evidence_events",
        "evidence_decisions",
        "evidence_note",
    )
    readonly_fields = ("status",)
    inlines = [TaskStatusChangeInline]
    list_filter = (OverdueListFilter, "status")
    search_fields = ("title", "agreement__title")
    ordering = ("due_on", "pk")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("agreement", "owner__organization")
            .prefetch_related("owner__organization__former_names")
        )

    @admin.display(description=_("owner"))
    def owner_name(self, task: Task) -> str | None:
        if task.owner is None:
            return None
        return task.owner.organization.name_on(task.agreement.signed_on)


@admin.register(Milestone)
class MilestoneAdmin(AgreementRowsAdmin):
    list_display = ("agreement_link", "kind", "due", "held", "event")
    list_filter = (ReviewDueListFilter, "kind")
    search_fields = ("agreement__title",)
    list_select_related = ("agreement", "event")
    ordering = ("due_on", "pk")

    @admin.display(description=_("held on"), ordering="held_on")
    def held(self, review: Milestone) -> str | None:
        return date_format(review.held_on, "SHORT_DATE_FORMAT") if review.held_on else None
