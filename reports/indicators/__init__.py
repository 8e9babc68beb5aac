"""The catalogue of indicators: each figure a summary reports, defined once, computed from records.

Each indicator has a code, a Vietnamese label (gettext), a unit, a group and its rule (the
family's rows, then its own filter: `Indicator.description`). Indicators computed from the same
rows form a family, evaluated in one aggregate query: `compute(scope, period)` costs one query
for the scope's organisations and one a family, whatever the number of indicators.

Subjects: events (events.py), the committees' decisions and teams (committees.py), agreements
and their tasks (agreements.py), articles (articles.py); the catalogue's order is theirs.
"""

from django.utils.translation import gettext_lazy as _

from reports.indicators.catalogue import CATALOGUE, Family, Indicator, compute, indicator

# Importing a subject registers its indicators: the catalogue's order is this one.
# isort: off
from reports.indicators import events, committees, agreements, articles
# isort: on

GROUP_LABELS = {
    events.GROUP: _("Events"),
    committees.DECISIONS: _("Decisions"),
    committees.TEAMS: _("Teams"),
    agreements.GROUP: _("Agreements"),
    articles.GROUP: _("Articles"),
}

__all__ = ["CATALOGUE", "GROUP_LABELS", "Family", "Indicator", "compute", "indicator"]
