"""The leaders' dashboard (/admin/reports/dashboard/): a scope's figures for a period, live.

For the system, a region or an organisation and a year or half-year (by default the last
half-year ended): the indicators of the period next to those of the period before, with the
change; the charts of events per month by kind, of articles and their views per month and of
agreements and tasks by status; and the summaries already assembled for that scope, with
their downloads. Computed from the records (`reports.indicators.compute` and the selectors'
series) in a fixed number of queries, whatever the scope holds.

A staff user who is not a system administrator chooses only among their own organisations
(and those under them): the form refuses a region, the whole system or another organisation
(`reports.services.summary_scope_check`), so every figure counts only records of their scope,
and the summaries listed are read through the staff scope as well.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agreements.models import AgreementStatus, TaskStatus
from events.models import EventKind
from portal.accounts.sites import AdminPage
from portal.lib.periods import Period
from portal.scoping import scope_for_staff
from reports import charts, indicators, selectors
from reports.admin.forms import DashboardForm, period_label
from reports.admin.summaries import summary_links
from reports.models import Summary
from reports.scopes import Scope

PERMISSION = "reports.view_summary"
# The dashboard lists a scope's latest summaries; older ones are in the list of summaries.
SUMMARIES_SHOWN = 20


def indicator_rows(scope: Scope, period: Period, previous: Period) -> list[dict]:
    """Each indicator of the catalogue for `period` and `previous`, with the change, by group."""
    now, before = indicators.compute(scope, period), indicators.compute(scope, previous)
    rows = []
    for code, item in indicators.CATALOGUE.items():
        value, earlier = now[code], before[code]
        change = value - earlier
        rows.append(
            {
                "code": code,
                "label": item.label,
                "unit": item.unit,
                "group": item.group,
                "group_label": indicators.GROUP_LABELS.get(item.group, item.group),
                "value": value,
                "previous": earlier,
                "change": change,
                "change_percent": round(100 * change / earlier, 1) if earlier else None,
            }
        )
    return rows


def summaries_of(scope: Scope, user) -> list[dict]:
    """The latest summaries of `scope` that `user` may see, any period, with their downloads (one query)."""
    summaries = (
        scope_for_staff(Summary.objects.filter(scope_key=scope.key), user)
        .defer("snapshot")
        .select_related("assembled_by")
        .order_by("-period_end", "-period_start", "-assembled_at", "-pk")[:SUMMARIES_SHOWN]
    )
    return [
        {"summary": summary, "period": period_label(summary.period), **summary_links(summary.pk)}
        for summary in summaries
    ]


def chart_list(scope: Scope, period: Period) -> list[dict]:
    """The dashboard's charts of `scope` in `period`, drawn by reports/charts.py (one query each)."""
    organization_ids = scope.organization_ids()
    labels = [charts.month_label(month) for month in selectors.month_keys(period)]
    by_kind = selectors.events_per_month(organization_ids, period)
    articles = selectors.articles_per_month(organization_ids, period)
    agreements = selectors.agreements_by_status(organization_ids, period)
    tasks = selectors.tasks_by_status(organization_ids, period)
    titles = {
        "events": gettext("Events per month, by kind"),
        "articles": gettext("Articles published and their views, per month"),
        "agreements": gettext("Agreements by status"),
        "tasks": gettext("Agreement tasks by status"),
    }
    svgs = {
        "events": charts.stacked_bars(
            title=titles["events"],
            labels=labels,
            series=[charts.Series(str(EventKind(kind).label), counts) for kind, counts in by_kind.items()],
        ),
        "articles": charts.bars_and_line(
            title=titles["articles"],
            labels=labels,
            bars=charts.Series(gettext("Articles published"), articles["published"]),
            line=charts.Series(gettext("Views"), articles["views"]),
        ),
        "agreements": charts.horizontal_bars(
            title=titles["agreements"],
            items=[(str(AgreementStatus(status).label), count) for status, count in agreements.items()],
        ),
        "tasks": charts.horizontal_bars(
            title=titles["tasks"],
            items=[(str(TaskStatus(status).label), count) for status, count in tasks.items()],
        ),
    }
    return [{"name": name, "title": titles[name], "svg": svg} for name, svg in svgs.items()]


def dashboard_view(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    site = admin.site
    form = DashboardForm(
        request.GET,
        admin_site=site,
        user=request.user,
        today=timezone.localdate(),
    )
    context = {
        **site.each_context(request),
        "title": _("Leaders' dashboard"),
        "form": form,
        "media": form.media,
    }
    if form.is_valid() and form.scope is not None and form.period is not None:
        scope, period = form.scope, form.period
        previous = period.previous()
        context |= {
            "scope_label": scope.label(),
            "period_label": period_label(period),
            "previous_label": period_label(previous),
            "indicators": indicator_rows(scope, period, previous),
            "charts": chart_list(scope, period),
            "summaries": summaries_of(scope, request.user),
        }
    request.current_app = site.name
    return TemplateResponse(request, "admin/reports/dashboard.html", context)


admin.site.register_page(
    AdminPage(
        app_label="reports",
        slug="dashboard",
        label=_("Leaders' dashboard"),
        permission=PERMISSION,
        view=dashboard_view,
    )
)
