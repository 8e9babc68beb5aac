"""Writes and workflows of the registry. Admin pages, imports and the demo loader call these.

Each service records what it did in the record's admin history with the acting user it is
given (`by`; None for jobs and the demo loader, which leaves no history entry).
"""

import datetime as dt
import json
from collections.abc import Iterable, Sequence

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import connection, transaction
from django.db.models import Model
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from committees.models import (
    Decision,
    LegalDocument,
    Organization,
    OrganizationChange,
    OrganizationChangeKind,
    OrganizationName,
    Person,
    Position,
    Province,
    StaffMembership,
)
from portal.cache import changes
from portal.history import (
    audited,
    history_bulk_create,
    record_change,
    restore_fields,
)
from portal.lib.periods import OutOfCalendar, add_days
from portal.lib.text import slugify_vi
from portal.lib.titles import ParsedName, parse_name
from portal.scoping import ScopeError, forget_staff_scope, require_writable, scope_for_staff
from portal.slugs import SLUG_MAX_LENGTH, unique_slug

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


@audited
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
    require_writable(person, by)
    record_change(person, by=by, message=ADDED, added=True)
    return person


@audited
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
    require_writable(organization, by)
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
    require_writable(organization, by)
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


@audited
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
    require_writable(organization, by)
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
    require_writable(organization, by)
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


@audited
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


def change_message(model: type[Model], fields: Iterable[str]) -> str:
    """Django's own history message for a change of `fields` (verbose names, shown translated)."""
    with override(None):
        fields_by_name = {
            field.name: field for field in [*model._meta.concrete_fields, *model._meta.many_to_many]
        }
        names = [str(fields_by_name[name].verbose_name) for name in fields]
    return json.dumps([{"changed": {"fields": names}}]) if names else json.dumps([])


def _save(
    obj: Model,
    *,
    changed: Sequence[str],
    by: User | None,
    exclude: Sequence[str] = (),
    moves_organizations: bool = False,
) -> None:
    """Validate and save `obj`, then write its addition or change in its history.

    `by` must be able to change `obj` as stored, and as saved (portal.scoping): a record is
    neither changed nor made, nor moved, outside their organisations. `moves_organizations`:
    saving `obj` may change the tree of organisations, so `by`'s scope is read again first.
    """
    added = obj._state.adding
    if not added:
        require_writable(obj, by)
    obj.full_clean(exclude=list(exclude) or None)
    obj.save()
    if moves_organizations:
        # Read with the tree as written, then forgotten again: refused, the write is rolled back.
        forget_staff_scope(by)
        try:
            require_writable(obj, by)
        finally:
            forget_staff_scope(by)
    else:
        require_writable(obj, by)
    record_change(obj, by=by, message=ADDED if added else change_message(type(obj), changed), added=added)


@audited
@transaction.atomic
@changes("committees")
def organization_save(
    *, organization: Organization, changed: Sequence[str] = (), by: User | None
) -> Organization:
    """Create or change `organization` as given (an import's row, a form); a new one gets its slug
    from its name. `changed` names the fields changed, for the history.

    Renaming with the old name kept for old news, and closing, are `organization_rename` and
    `organization_close`: this writes the record as it is told to.
    """
    if not organization.slug:
        organization.slug = unique_slug(Organization, organization.name, max_length=255)
    _save(organization, changed=changed, by=by, moves_organizations=True)
    return organization


# What a restore leaves as it is: the name and the closing are changed by their own services
# (`organization_rename` keeps the former names, `organization_close` records what became of it).
ORGANIZATION_RESTORE_SKIPPED = ("name", "short_name", "closed_on")


@audited
@transaction.atomic
def organization_restore(*, organization: Organization, version: Model, by: User | None) -> Organization:
    """Give `organization` back the fields it had in `version`, one of its historical rows.

    Its name and closing stay as they are (renaming and closing are services of their own);
    the restore is itself a change in the history, made by `by`.
    """
    if getattr(version, "id", None) != organization.pk or not hasattr(version, "history_id"):
        raise ValidationError(_("This version is not one of this organisation's."))
    require_writable(organization, by)
    changed = restore_fields(organization, version, skip=ORGANIZATION_RESTORE_SKIPPED)
    if not changed:
        raise ValidationError(
            _("This version holds the same values as the organisation now: nothing to restore.")
        )
    return organization_save(organization=organization, changed=changed, by=by)


@audited
@transaction.atomic
@changes("committees")
def person_save(*, person: Person, changed: Sequence[str] = (), by: User | None) -> Person:
    """Change a stored `person` as given (a form with the titles in their own fields); a new
    person is `person_create`'s, which reads the titles typed in the name."""
    if person._state.adding:
        raise ValueError("person_save changes a stored person; person_create makes a new one.")
    _save(person, changed=changed, by=by)
    return person


@audited
@transaction.atomic
@changes("committees")
def position_save(*, position: Position, changed: Sequence[str] = (), by: User | None) -> Position:
    """Create or change `position`, checked against its model's rules (one body, dates in order)."""
    _save(position, changed=changed, by=by)
    return position


@audited
@transaction.atomic
@changes("committees")
def position_delete(*, position: Position, by: User | None) -> None:
    """Delete `position` (a person's line no longer held at all, not one that ended: that gets
    its end date), with the deletion in its person's history."""
    require_writable(position, by)
    person = position.person
    deleted = {"name": _untranslated(Position._meta.verbose_name), "object": str(position)}
    position.delete()
    if by is not None:
        record_change(person, by=by, message=json.dumps([{"deleted": deleted}]), added=False)


def _untranslated(text: object) -> str:
    """`text` as stored in a history message, shown later in the reader's language."""
    with override(None):
        return str(text)


@audited
@transaction.atomic
@changes("committees")
def legal_document_save(
    *, document: LegalDocument, changed: Sequence[str] = (), by: User | None
) -> LegalDocument:
    """Create or change `document`; a new one gets its slug from its number, else its title."""
    if not document.slug:
        document.slug = unique_slug(
            LegalDocument, f"{document.type_word} {document.number}" if document.number else document.title
        )
    _save(document, changed=changed, by=by)
    return document


@audited
@transaction.atomic
@changes("committees")
def decision_save(
    *,
    decision: Decision,
    legal_documents: Sequence[LegalDocument] | None = None,
    changed: Sequence[str] = (),
    by: User | None,
) -> Decision:
    """Create or change `decision`, and set the documents it cites when `legal_documents` is given.

    A new decision gets its slug from its number, else its title.
    """
    if not decision.slug:
        decision.slug = unique_slug(Decision, decision.number or decision.title, max_length=255)
    changed = list(changed)
    if legal_documents is not None and not decision._state.adding:
        before = set(decision.legal_documents.values_list("pk", flat=True))
        if before != {document.pk for document in legal_documents} and "legal_documents" not in changed:
            changed.append("legal_documents")
    _save(decision, changed=changed, by=by)
    if legal_documents is not None:
        decision.legal_documents.set(legal_documents)
    return decision


# The fields of a person an import writes (the photo is not in a spreadsheet).
PERSON_IMPORT_FIELDS = ("full_name", "honorific", "academic_title", "degree", "slug", "bio")
IMPORT_BATCH = 1000


def person_import_clean(person: Person) -> None:
    """Apply `person_create`'s rules to an unsaved or changed `person`, without a query.

    The titles typed in the name are parsed out (as `person_name_parse`), then the fields are
    checked as `full_clean` checks them; the uniqueness of the slug is `people_import`'s, which
    reads every slug once. Raises ValidationError.
    """
    parsed = person_name_parse(
        written_name=person.full_name,
        honorific=person.honorific,
        academic_title=person.academic_title,
        degree=person.degree,
    )
    person.full_name = parsed.full_name
    person.honorific, person.academic_title, person.degree = (
        parsed.honorific,
        parsed.academic_title,
        parsed.degree,
    )
    exclude = ["photo"]
    if not person.slug:
        exclude.append("slug")
    # The name constraint is the non-empty name checked above; the unique slug is checked on the
    # whole file at once. Neither costs a query per person.
    person.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)


@audited
@transaction.atomic
@changes("committees")
def people_import(
    *, created: Sequence[Person], updated: Sequence[Person], by: User | None, checked: bool = False
) -> None:
    """Create `created` and save the changes of `updated` in bulk, with the rules of `person_create`.

    A fixed number of queries whatever the number of people: every person is read once (the
    slugs taken: a new person without one gets its name's, made unique as `unique_slug` does;
    what `updated` hold now: only the people changed are written, their changed fields
    logged), then batched inserts, updates and history entries. Raises ValidationError naming
    the person at fault; a change of a person `by` may not change (ScopeError) is refused
    before anything is written.
    """
    errors = []
    # `checked`: every person went through person_import_clean already (an import's rows are
    # checked one by one, for errors that name their row).
    for person in [] if checked else [*created, *updated]:
        try:
            person_import_clean(person)
        except ValidationError as error:
            errors.append(
                ValidationError(
                    _("%(name)s: %(errors)s")
                    % {
                        "name": person.full_name or "?",
                        "errors": " ".join(
                            message for messages in error.message_dict.values() for message in messages
                        ),
                    }
                )
            )
    if errors:
        raise ValidationError(errors)
    writable = writable_people(by)
    refused = [person for person in updated if writable is not None and person.pk not in writable]
    if refused:
        raise ScopeError(
            [person_out_of_scope_message(person) for person in refused[:10]], code="out_of_scope"
        )
    # One read of every person: the slugs taken, and what the updated people hold now (with
    # every field, for their history).
    stored = {
        person.pk: person for person in Person.objects.order_by().only("pk", "photo", *PERSON_IMPORT_FIELDS)
    }
    updated_pks = {person.pk for person in updated}
    taken = {person.slug for pk, person in stored.items() if pk not in updated_pks}
    for person in updated:
        if person.slug in taken or not person.slug:
            raise ValidationError(
                _("The code “%(slug)s” is already used by another person.") % {"slug": person.slug}
            )
    taken |= {person.slug for person in updated}
    for person in created:
        if person.slug:
            if person.slug in taken:
                raise ValidationError(
                    _("The code “%(slug)s” is already used by another person.") % {"slug": person.slug}
                )
            taken.add(person.slug)
    for person in created:
        if not person.slug:
            person.slug = _free_slug(person.full_name, taken)
            taken.add(person.slug)
    Person.objects.bulk_create(created, batch_size=IMPORT_BATCH)
    history_bulk_create(created)
    by_message: dict[str, list[Person]] = {}
    changed_people = []
    for person in updated:
        before = stored.get(person.pk)
        if before is None:
            raise ValidationError(_("A person to update was deleted meanwhile: import the file again."))
        fields = [name for name in PERSON_IMPORT_FIELDS if getattr(before, name) != getattr(person, name)]
        if fields:
            changed_people.append(person)
            by_message.setdefault(change_message(Person, fields), []).append(person)
    _update_many(changed_people)
    # The history of the rows the UPDATE wrote: their stored values with the imported ones.
    written = []
    for person in changed_people:
        row = stored[person.pk]
        for name in PERSON_IMPORT_FIELDS:
            setattr(row, name, getattr(person, name))
        written.append(row)
    history_bulk_create(written, update=True)
    if by is not None and by.pk is not None:
        _log_many(created, by=by, message=ADDED, action_flag=ADDITION)
        for message, people in by_message.items():
            _log_many(people, by=by, message=message, action_flag=CHANGE)


def writable_people(by: User | None) -> set[int] | None:
    """The ids of the people `by` may change (one query), None when they may change anyone's.

    A person belongs to the organisations they hold positions in; one without any position
    is common to all staff (portal.scoping.RULES).
    """
    if by is None:
        return None
    people = Person.objects.order_by()
    scoped = scope_for_staff(people, by, write=True)
    return None if scoped is people else set(scoped.values_list("pk", flat=True))


def person_out_of_scope_message(person: Person) -> str:
    """Why a change of `person` is refused: their positions are all another organisation's."""
    return _(
        "%(name)s holds positions only in other organisations: you may only change the people of yours."
    ) % {"name": person.full_name or person.slug}


def _update_many(people: Sequence[Person]) -> None:
    """Write the imported fields of `people` with one UPDATE … FROM (VALUES …) per batch.

    `bulk_update` builds a CASE of one branch per row for each field: 20,000 people took 10 s
    to compile and run, this takes well under one. Both PostgreSQL and SQLite (3.33+) read it;
    the columns of a VALUES list are named column1, column2… by both.
    """
    quote = connection.ops.quote_name
    table = quote(Person._meta.db_table)
    fields = {field.name: field for field in Person._meta.concrete_fields}
    columns = [str(fields[name].column) for name in PERSON_IMPORT_FIELDS]
    assignments = ", ".join(f"{quote(column)} = v.column{index}" for index, column in enumerate(columns, 2))
    pk = quote(str(fields["id"].column))
    row = "(" + ", ".join(["%s"] * (len(columns) + 1)) + ")"
    batch = IMPORT_BATCH // 2  # SQLite takes at most 32,766 parameters a statement
    with connection.cursor() as cursor:
        for start in range(0, len(people), batch):
            chunk = people[start : start + batch]
            values = ", ".join([row] * len(chunk))
            params = [
                value
                for person in chunk
                for value in (person.pk, *(getattr(person, name) for name in PERSON_IMPORT_FIELDS))
            ]
            # Names from the model, values as parameters.
            sql = (
                f"UPDATE {table} SET {assignments} FROM (VALUES {values}) AS v WHERE {table}.{pk} = v.column1"  # noqa: S608
            )
            cursor.execute(sql, params)


def _free_slug(name: str, taken: set[str]) -> str:
    """The slug `unique_slug` would give `name`, against the slugs in `taken` instead of queries."""
    base = slugify_vi(name, max_length=SLUG_MAX_LENGTH) or "muc"
    slug, suffix = base, 2
    while slug in taken:
        slug = f"{base[: SLUG_MAX_LENGTH - len(str(suffix)) - 1]}-{suffix}"
        suffix += 1
    return slug


def _log_many(objects: Sequence[Model], *, by: User, message: str, action_flag: int) -> None:
    """History entries for many records at once (batched inserts, not one query per record)."""
    for start in range(0, len(objects), IMPORT_BATCH):
        LogEntry.objects.log_actions(
            user_id=by.pk,
            queryset=objects[start : start + IMPORT_BATCH],
            action_flag=action_flag,
            change_message=message,
        )


@audited
@transaction.atomic
def staff_membership_set(
    *, user: User, organizations: Iterable[Organization], by: User | None
) -> list[StaffMembership]:
    """Make `organizations` the ones `user` works for (portal.scoping): the memberships of
    others are removed, those missing added; returns the memberships now held.

    A `by` who does not see everything may only add or remove memberships of their own
    organisations. Each membership added or removed is in its history, made by `by`.
    """
    wanted = {organization.pk: organization for organization in organizations}
    held = {
        membership.organization_id: membership
        for membership in StaffMembership.objects.select_for_update().filter(user=user)
    }
    for organization_id, membership in held.items():
        if organization_id not in wanted:
            require_writable(membership, by)
            membership.delete()
    kept = [membership for organization_id, membership in held.items() if organization_id in wanted]
    for organization_id, organization in wanted.items():
        if organization_id not in held:
            membership = StaffMembership(user=user, organization=organization)
            membership.full_clean(validate_unique=False)
            membership.save()
            require_writable(membership, by)
            kept.append(membership)
    forget_staff_scope(user)
    return kept
