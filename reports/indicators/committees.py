"""Indicators of the committees' own work: decisions issued, teams founded."""

from django.db.models import DateField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from committees.models import Decision, DecisionKind, Team
from events.models import DecisionAnnouncement
from portal.lib.periods import Period
from reports.indicators.catalogue import Family, OrganizationIds, count_where, indicator, sorted_ids

DECISIONS, TEAMS = "decisions", "teams"  # the groups the summary shows them under


def first_announced(decision: str = "pk") -> Subquery:
    """The day the decision `decision` (an outer reference) was first announced at an event."""
    announcements = DecisionAnnouncement.objects.filter(decision=OuterRef(decision)).order_by(
        "event__start_date"
    )
    return Subquery(announcements.values("event__start_date")[:1], output_field=DateField())


def issued_decisions(organization_ids: OrganizationIds, period: Period) -> QuerySet[Decision]:
    """Decisions issued in the period by an organisation in scope or by the steering committee of
    one. Their day is the date issued; when the sources do not give it, the day the decision was
    first announced at an event (it was issued by then: articles report decisions as announced,
    "công bố quyết định", more often than they date them). A decision with neither counts in no
    period. `known_on` is annotated with that day."""
    decisions = Decision.objects.annotate(known_on=Coalesce("issued_on", first_announced())).filter(
        known_on__range=(period.start, period.end)
    )
    if organization_ids is not None:
        ids = sorted_ids(organization_ids)
        decisions = decisions.filter(
            Q(issuer_organization_id__in=ids) | Q(issuer_committee__organization_id__in=ids)
        )
    return decisions


def founded_teams(organization_ids: OrganizationIds, period: Period) -> QuerySet[Team]:
    """Teams (office, secretariat, advisory teams, expert groups) founded in the period under the
    steering committee of an organisation in scope. Their day is the founding date; without it,
    the day of their founding decision (issued, else first announced: see `issued_decisions`).
    A team with none of these counts in no period."""
    founded = Coalesce(
        "founded_on",
        "founding_decision__issued_on",
        first_announced("founding_decision"),
        output_field=DateField(),
    )
    teams = Team.objects.annotate(known_on=founded).filter(known_on__range=(period.start, period.end))
    if organization_ids is not None:
        teams = teams.filter(committee__organization_id__in=sorted_ids(organization_ids))
    return teams


DECISION_ROWS = Family("decisions", issued_decisions)
TEAM_ROWS = Family("teams", founded_teams)

DECISION_KIND_LABELS = {
    DecisionKind.FOUND_TEAM: _("Decisions founding a team or body"),
    DecisionKind.RECOGNISE: _("Decisions recognising activities or tools"),
    DecisionKind.APPOINT: _("Decisions appointing"),
    DecisionKind.COMMEND: _("Decisions commending"),
    DecisionKind.REGULATION: _("Decisions issuing a regulation"),
    DecisionKind.OTHER: _("Other decisions"),
}

indicator(
    "decisions.total",
    _("Decisions issued"),
    _("decisions"),
    DECISIONS,
    family=DECISION_ROWS,
    rule="Every one.",
)
for kind in DecisionKind:  # one a kind: a kind added without its label fails here, at import
    indicator(
        f"decisions.kind.{kind.value}",
        DECISION_KIND_LABELS[kind],
        _("decisions"),
        DECISIONS,
        family=DECISION_ROWS,
        value=count_where(Q(kind=kind)),
        rule=f"Those of kind {kind.value!r}.",
    )
indicator(
    "teams.founded",
    _("Teams founded"),
    pgettext_lazy("unit", "teams"),
    TEAMS,
    family=TEAM_ROWS,
    rule="Every one.",
)
