"""Writes and workflows of the registry. Admin pages, imports and the demo loader call these.

Each service records what it did in the record's admin history with the acting user it is
given (`by`; None for jobs and the demo loader, which leaves no history entry).
"""

import datetime as dt
import json
from collections.abc import Sequence

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.formats import date_format
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
from portal.history import record_change
from portal.lib.periods import OutOfCalendar, add_days
from portal.lib.titles import ParsedName, parse_name
from portal.slugs import unique_slug

# Django's own history message for an addition, stored untranslated and shown in the reader's language.
ADDED = json.dumps([{"added": {}}])


def person_name_parse(
    *, written_name: str, honorific: str = "", academic_title: str = "", degree: str = ""
) -> ParsedName:
    """The name and titles of a person from the name as an article writes it ("NGƯT, TS Huỳnh Thanh Quang").

    A title given in its own argument wins over the one typed in the name. Refuses a name
    that is only titles or white space.
    """
    parsed = parse_name(written_name)
    if not parsed.full_name:
        raise ValidationError({"full_name": _("A person must have a name.")})
    return ParsedName(
        full_name=parsed.full_name,
        honorific=honorific or parsed.honorific,
        academic_title=academic_title or parsed.academic_title,
        degree=degree or parsed.degree,
    )


@transaction.atomic
@changes("committees")
def person_create(
    *,
    written_name: str,
    honorific: str = "",
    academic_title: str = "",
    degree: str = "",
    slug: str = "",
    photo: File | None = None,
    bio: str = "",
    by: User | None,
) -> Person:
    """Create a person from the name as written, the titles typed in the name unless given apart.

    The slug is made from the name (đ folded to d, unique) unless one is given.
    """
    parsed = person_name_parse(
        written_name=written_name, honorific=honorific, academic_title=academic_title, degree=degree
    )
    person = Person(
        full_name=parsed.full_name,
        honorific=parsed.honorific,
        academic_title=parsed.academic_title,
        degree=parsed.degree,
        bio=bio,
        slug=slug or unique_slug(Person, parsed.full_name),
    )
    if photo:
        person.photo = photo
    person.full_clean()
    person.save()
    record_change(person, by=by, message=ADDED, added=True)
    return person


@transaction.atomic
@changes("committees")
def organization_rename(
    *,
    organization: Organization,
    new_name: str,
    on: dt.date,
    new_short_name: str | None = None,
    by: User | None,
) -> Organization:
    """Give `organization` a new name, or only a new short name, from `on`; the old ones are
    kept for the days before.

    Old news keeps showing the old names (Organization.name_on, short_name_on), lists show
    the new ones. The record and its slug stay the same, so links keep working; a merger or
    split that makes a new organisation is `organization_close` instead.
    """
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    former_name, former_short_name = organization.name, organization.short_name
    new_name = " ".join(new_name.split())
    if new_short_name is None:
        new_short_name = former_short_name
    if not new_name or (new_name, new_short_name) == (former_name, former_short_name):
        raise ValidationError({"name": _("Give a new name different from the current one.")})
    last_change = organization.former_names.order_by("-valid_to").first()
    if last_change and on <= last_change.valid_to:
        raise ValidationError({"on": _("The new name must start after the previous renaming.")})
    former = OrganizationName(
        organization=organization,
        name=former_name,
        short_name=former_short_name,
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
    organization.short_name = new_short_name
    organization.full_clean()
    organization.save()
    message = organization_rename_message(
        organization=organization, former_name=former_name, former_short_name=former_short_name, on=on
    )
    record_change(organization, by=by, message=message)
    return organization


def organization_rename_message(
    *, organization: Organization, former_name: str, former_short_name: str, on: dt.date
) -> str:
    """What `organization_rename` writes in the history, and the admin tells the staff member."""
    if former_name == organization.name:
        return _("Changed the short name from “%(former)s” to “%(short_name)s” from %(date)s.") % {
            "former": former_short_name,
            "short_name": organization.short_name,
            "date": date_format(on, "SHORT_DATE_FORMAT"),
        }
    return _("Renamed from “%(former)s” to “%(name)s” from %(date)s.") % {
        "former": former_name,
        "name": organization.name,
        "date": date_format(on, "SHORT_DATE_FORMAT"),
    }


@transaction.atomic
@changes("committees")
def organization_close(
    *,
    organization: Organization,
    kind: OrganizationChangeKind,
    on: dt.date,
    successors: Sequence[Organization] = (),
    note: str = "",
    by: User | None,
) -> list[OrganizationChange]:
    """Close `organization` on `on` because it merged into, split into or was renamed as
    `successors`, or was dissolved (no successor). Records one change per successor."""
    successors = list(successors)
    if kind == OrganizationChangeKind.DISSOLVED and successors:
        raise ValidationError(_("A dissolved organisation has no successor."))
    if kind != OrganizationChangeKind.DISSOLVED and not successors:
        raise ValidationError(_("Name the successor, unless the organisation was dissolved."))
    if any(successor.pk == organization.pk for successor in successors):
        raise ValidationError(_("An organisation cannot be its own successor."))
    if organization.closed_on is not None:
        raise ValidationError(
            _("This organisation was already closed on %(date)s.")
            % {"date": date_format(organization.closed_on, "SHORT_DATE_FORMAT")}
        )
    if organization.founded_on and on < organization.founded_on:
        raise ValidationError(_("An organisation cannot close before it was founded."))
    organization.closed_on = on
    organization.save(update_fields=["closed_on"])
    successors_or_none: list[Organization | None] = list(successors) or [None]  # dissolved: no successor
    changes = [
        OrganizationChange(predecessor=organization, successor=successor, kind=kind, on=on, note=note)
        for successor in successors_or_none
    ]
    for change in changes:
        change.full_clean()
        change.save()
    record_change(
        organization, by=by, message=organization_close_message(kind=kind, on=on, successors=successors)
    )
    return changes


def organization_close_message(
    *, kind: OrganizationChangeKind, on: dt.date, successors: Sequence[Organization]
) -> str:
    """What `organization_close` writes in the history, and the admin tells the staff member."""
    details = {"kind": OrganizationChangeKind(kind).label, "date": date_format(on, "SHORT_DATE_FORMAT")}
    if not successors:
        return _("Recorded the change of %(date)s (%(kind)s).") % details
    details["successors"] = ", ".join(str(successor) for successor in successors)
    return _("Recorded the change of %(date)s (%(kind)s); successors: %(successors)s.") % details


@transaction.atomic
@changes("committees")
def province_merge(*, provinces: list[Province], into: Province, on: dt.date, by: User | None) -> Province:
    """Record that `provinces` were merged into `into` on `on`; they stay valid until the day before."""
    for province in provinces:
        if province.pk == into.pk:
            raise ValidationError({"merged_into": _("A province cannot be merged into itself.")})
        if province.merged_into_id is not None:
            raise ValidationError(_("This province was already merged into another."))
    message = province_merge_message(into=into, on=on)
    for province in provinces:
        province.merged_into = into
        province.valid_to = _day_before(on)
        province.full_clean()
        province.save(update_fields=["merged_into", "valid_to"])
        record_change(province, by=by, message=message)
    return into


def province_merge_message(*, into: Province, on: dt.date) -> str:
    """What `province_merge` writes in the history of each merged province."""
    return _("Merged into %(into)s from %(date)s.") % {
        "into": into.name,
        "date": date_format(on, "SHORT_DATE_FORMAT"),
    }


def _day_before(on: dt.date) -> dt.date:
    """The last day of what ends when `on` begins; the first day of the calendar has none."""
    try:
        return add_days(on, -1)
    except OutOfCalendar:
        raise ValidationError({"on": _("The date must be after 01/01/0001.")}) from None
