"""Writes and workflows of the registry. Admin actions, imports and the demo loader call these."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from committees.models import (
    Organization,
    OrganizationChange,
    OrganizationChangeKind,
    OrganizationName,
    Person,
    Province,
)
from portal.cache import changes
from portal.lib.periods import OutOfCalendar, add_days
from portal.lib.titles import parse_name
from portal.slugs import unique_slug


@transaction.atomic
@changes("committees")
def person_create(*, written_name: str, bio: str = "") -> Person:
    """Create a person from the name as an article writes it ("NGƯT, TS Huỳnh Thanh Quang")."""
    parsed = parse_name(written_name)
    person = Person(
        full_name=parsed.full_name,
        honorific=parsed.honorific,
        academic_title=parsed.academic_title,
        degree=parsed.degree,
        bio=bio,
        slug=unique_slug(Person, parsed.full_name),
    )
    person.full_clean()
    person.save()
    return person


@transaction.atomic
@changes("committees")
def organization_rename(
    *, organization: Organization, new_name: str, on: dt.date, new_short_name: str | None = None
) -> Organization:
    """Give `organization` a new name from `on`; the old one is kept for the days before.

    Old news keeps showing the old name (Organization.name_on), lists show the new one.
    The record and its slug stay the same, so links keep working; a merger or split that
    makes a new organisation is `organization_close` instead.
    """
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    new_name = " ".join(new_name.split())
    if not new_name or new_name == organization.name:
        raise ValidationError({"name": _("Give a new name different from the current one.")})
    last_change = organization.former_names.order_by("-valid_to").first()
    if last_change and on <= last_change.valid_to:
        raise ValidationError({"on": _("The new name must start after the previous renaming.")})
    former = OrganizationName(
        organization=organization,
        name=organization.name,
        short_name=organization.short_name,
        valid_from=add_days(last_change.valid_to, 1) if last_change else organization.founded_on,
        valid_to=_day_before(on),
    )
    if former.valid_from and former.valid_to < former.valid_from:
        raise ValidationError(
            {"on": _("The new name must start after the day the current name came into use.")}
        )
    former.full_clean()
    former.save()
    organization.name = new_name
    if new_short_name is not None:
        organization.short_name = new_short_name
    organization.full_clean()
    organization.save()
    return organization


@transaction.atomic
@changes("committees")
def organization_close(
    *,
    organization: Organization,
    kind: OrganizationChangeKind,
    on: dt.date,
    successors: list[Organization] = (),
    note: str = "",
) -> list[OrganizationChange]:
    """Close `organization` on `on` because it merged into, split into or was renamed as
    `successors`, or was dissolved (no successor). Records one change per successor."""
    if kind == OrganizationChangeKind.DISSOLVED and successors:
        raise ValidationError(_("A dissolved organisation has no successor."))
    if kind != OrganizationChangeKind.DISSOLVED and not successors:
        raise ValidationError(_("Name the successor, unless the organisation was dissolved."))
    if any(successor.pk == organization.pk for successor in successors):
        raise ValidationError(_("An organisation cannot be its own successor."))
    if organization.closed_on is not None:
        raise ValidationError(
            _("This organisation was already closed on %(date)s.")
            % {"date": f"{organization.closed_on:%d/%m/%Y}"}
        )
    if organization.founded_on and on < organization.founded_on:
        raise ValidationError(_("An organisation cannot close before it was founded."))
    organization.closed_on = on
    organization.save(update_fields=["closed_on"])
    changes = [
        OrganizationChange(predecessor=organization, successor=successor, kind=kind, on=on, note=note)
        for successor in (successors or [None])
    ]
    for change in changes:
        change.full_clean()
        change.save()
    return changes


@transaction.atomic
@changes("committees")
def province_merge(*, provinces: list[Province], into: Province, on: dt.date) -> Province:
    """Record that `provinces` were merged into `into` on `on`; they stay valid until the day before."""
    for province in provinces:
        if province.pk == into.pk:
            raise ValidationError({"merged_into": _("A province cannot be merged into itself.")})
    for province in provinces:
        province.merged_into = into
        province.valid_to = _day_before(on)
        province.full_clean()
        province.save(update_fields=["merged_into", "valid_to"])
    return into


def _day_before(on: dt.date) -> dt.date:
    """The last day of what ends when `on` begins; the first day of the calendar has none."""
    try:
        return add_days(on, -1)
    except OutOfCalendar:
        raise ValidationError({"on": _("The date must be after 01/01/0001.")}) from None
