from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.lib import periods


class PeriodKind(models.TextChoices):
    YEAR = periods.PeriodKind.YEAR, _("year")
    HALF = periods.PeriodKind.HALF, _("half-year")
    CUSTOM = periods.PeriodKind.CUSTOM, _("explicit dates")


class PeriodFields(models.Model):
    """A reporting period as stored: its kind and both ends (a year and half are both ends too)."""

    period_kind = models.CharField(_("period"), max_length=8, choices=PeriodKind)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))

    class Meta:
        abstract = True

    @property
    def period(self) -> periods.Period:
        return periods.Period.between(self.period_start, self.period_end)

    @classmethod
    def period_constraints(cls, prefix: str) -> list[models.BaseConstraint]:
        return [
            models.CheckConstraint(
                condition=Q(period_start__lte=models.F("period_end")), name=f"{prefix}_period_in_order"
            ),
        ]
