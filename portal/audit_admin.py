"""The admin's history of a record (“Lịch sử”), read from its audit trail (portal/history.py).

`HistoryAdminMixin` (a base of `ScopedModelAdmin`, so of every staff admin) replaces Django's
history page for the models with an `AuditedHistory`: each version of the record, newest first,
with who made it (or the job, for nobody), when, and what changed, field by field. The page
obeys the admin's scope: a record outside the user's read scope is a 404, as its change page.

- Restore: an admin naming a `restore_service` (`x_restore(*, x, version, by)`) offers on each
  older version "Restore this version", through a confirmation page showing what would change.
- Deleted records: staff who see every organisation may open the history of a record that no
  longer exists (its last version), from the list "Deleted records" of each model.

simple-history's own admin views (revert, edit a version) are not used.
"""

import copy
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models, transaction
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext, pgettext_lazy

from portal.history import restore_fields

ACTIONS = {
    "+": pgettext_lazy("history action", "Added"),
    "~": pgettext_lazy("history action", "Changed"),
    "-": pgettext_lazy("history action", "Deleted"),
}
TEXT_LENGTH = 80  # characters of a long text shown in a change, before "…"
DATETIME = "d/m/Y H:i"
DATE = "d/m/Y"


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class Version:
    """One row of the history page: a historical record, as staff read it."""

    record: Any
    when: str
    who: str
    action: str
    reason: str
    changes: list[FieldChange] = field(default_factory=list)
    restorable: bool = False
    restore_url: str = ""


def history_manager(model: type[models.Model]):
    """The model's audit trail (simple-history's manager), or None for a model without one."""
    name = getattr(model._meta, "simple_history_manager_attribute", None)
    return getattr(model, name) if name else None


def _who(record) -> str:
    user = record.history_user
    if user is None:
        reason = record.history_change_reason or ""
        system = gettext("System")
        return f"{system}: {reason}" if reason else system
    return user.get_full_name() or user.get_username()


class _Names:
    """The names of the records that changed foreign keys pointed to: one query per related model."""

    def __init__(self, model: type[models.Model], pairs: Iterable[tuple[str, Any]]):
        wanted: dict[type[models.Model], set] = defaultdict(set)
        for name, value in pairs:
            model_field = model._meta.get_field(name)
            if model_field.many_to_one and value is not None:
                wanted[model_field.related_model].add(value)  # type: ignore[index]
        self.names = {
            (related, obj.pk): str(obj)
            for related, ids in wanted.items()
            for obj in related._base_manager.filter(pk__in=ids)
        }

    def __call__(self, related: type[models.Model], pk: Any) -> str:
        name = self.names.get((related, pk))
        return name if name is not None else gettext("#%(id)s (deleted)") % {"id": pk}


def display_value(model_field: models.Field, value: Any, names: _Names) -> str:
    """`value` of `model_field` as staff read it: a choice's label, a related record's name, a
    date in Vietnamese order, a long text shortened."""
    if value is None or value == "":
        return "—"
    if model_field.many_to_one:
        return names(model_field.related_model, value)  # type: ignore[arg-type]
    if model_field.flatchoices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.BooleanField):
        return gettext("Yes") if value else gettext("No")
    if isinstance(model_field, models.DateTimeField):
        return date_format(timezone.localtime(value), DATETIME)
    if isinstance(model_field, models.DateField):
        return date_format(value, DATE)
    if isinstance(model_field, models.FileField):
        return getattr(value, "name", str(value)) or "—"
    return Truncator(strip_tags(str(value))).chars(TEXT_LENGTH)


def _changes(
    model: type[models.Model], pairs: Sequence[tuple[str, Any, Any]], names: _Names
) -> list[FieldChange]:
    changes = []
    for name, old, new in pairs:
        model_field = model._meta.get_field(name)
        changes.append(
            FieldChange(
                str(model_field.verbose_name),
                display_value(model_field, old, names),  # type: ignore[arg-type]
                display_value(model_field, new, names),  # type: ignore[arg-type]
            )
        )
    return changes


def history_versions(model: type[models.Model], records: Sequence, *, previous=None) -> list[Version]:
    """The versions of `records` (historical rows of one record, newest first), each with what
    changed since the one before it (`previous`: the one before the oldest of them, if any)."""
    deltas = []
    for index, record in enumerate(records):
        before = records[index + 1] if index + 1 < len(records) else previous
        if record.history_type == "~" and before is not None:
            delta = record.diff_against(before)
            deltas.append([(change.field, change.old, change.new) for change in delta.changes])
        else:
            deltas.append([])
    names = _Names(model, [(name, value) for delta in deltas for name, *values in delta for value in values])
    return [
        Version(
            record=record,
            when=date_format(timezone.localtime(record.history_date), DATETIME),
            who=_who(record),
            action=str(ACTIONS.get(record.history_type, record.history_type)),
            reason=(record.history_change_reason or "") if record.history_user_id else "",
            changes=_changes(model, delta, names),
        )
        for record, delta in zip(records, deltas, strict=True)
    ]


class HistoryAdminMixin:
    """The history page, restore and deleted records of an admin whose model has an audit trail.

    Set `restore_service` (a staticmethod `(*, <model_name>, version, by)`) to offer restoring.
    """

    restore_service: Any = None
    history_per_page = 20
    audit_history_template = "admin/audit/object_history.html"
    audit_restore_template = "admin/audit/restore_confirmation.html"
    audit_deleted_template = "admin/audit/deleted_records.html"

    def _audit(self):
        return history_manager(self.model)

    def _sees_every_organisation(self, request) -> bool:
        from portal.scoping import staff_scope

        return staff_scope(request.user).everything

    def _audit_url(self, name: str, *args) -> str:
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_{name}",
            args=args,
            current_app=self.admin_site.name,
        )

    def get_urls(self):
        urls = super().get_urls()
        if self._audit() is None:
            return urls
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path("deleted/", view(self.deleted_records_view), name="{}_{}_deleted".format(*info)),
            path(
                "<path:object_id>/history/<int:version_id>/restore/",
                view(self.history_restore_view),
                name="{}_{}_history_restore".format(*info),
            ),
            *urls,
        ]

    def changelist_view(self, request, extra_context=None):
        if self._audit() is not None and self._sees_every_organisation(request):
            extra_context = {**(extra_context or {}), "deleted_records_url": self._audit_url("deleted")}
        return super().changelist_view(request, extra_context)

    def _context(self, request, obj, **extra):
        request.current_app = self.admin_site.name
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "app_label": self.opts.app_label,
            "module_name": str(self.opts.verbose_name_plural),
            "object": obj,
            **extra,
        }

    def history_view(self, request, object_id, extra_context=None):
        manager = self._audit()
        if manager is None:
            return super().history_view(request, object_id, extra_context)
        obj = self.get_object(request, unquote(object_id))
        deleted = obj is None
        pk = obj.pk if obj is not None else self._deleted_pk(request, manager, object_id)
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        rows = manager.filter(**{self.opts.pk.attname: pk}).select_related("history_user")
        rows = rows.order_by("-history_date", "-history_id")
        paginator = Paginator(rows, self.history_per_page)
        page = paginator.get_page(request.GET.get("p"))
        start = page.start_index() - 1 if paginator.count else 0
        window = list(rows[start : start + self.history_per_page + 1])
        records, previous = window[: self.history_per_page], window[self.history_per_page :]
        versions = history_versions(self.model, records, previous=previous[0] if previous else None)
        if not deleted and self.restore_service is not None and self.has_change_permission(request, obj):
            for index, version in enumerate(versions):
                newest = page.number == 1 and index == 0
                version.restorable = not newest and version.record.history_type != "-"
                if version.restorable:
                    version.restore_url = self._audit_url(
                        "history_restore", obj.pk, version.record.history_id
                    )
        if deleted:
            obj = manager.filter(**{self.opts.pk.attname: pk}).latest().instance
        context = self._context(
            request,
            obj,
            title=gettext("History: %(record)s") % {"record": obj},
            versions=versions,
            page=page,
            page_range=paginator.get_elided_page_range(page.number),
            deleted=deleted,
            **(extra_context or {}),
        )
        return TemplateResponse(request, self.audit_history_template, context)

    def _deleted_pk(self, request, manager, object_id):
        """The pk of a deleted record whose history a user who sees everything may open; else 404."""
        if not self._sees_every_organisation(request):
            raise Http404
        try:
            pk = self.opts.pk.to_python(unquote(object_id))
        except ValidationError:
            raise Http404 from None
        last = manager.filter(**{self.opts.pk.attname: pk}).order_by("-history_date", "-history_id").first()
        if last is None or last.history_type != "-" or self.model._base_manager.filter(pk=pk).exists():
            raise Http404
        return pk

    def history_restore_view(self, request, object_id, version_id):
        manager = self._audit()
        obj = self.get_object(request, unquote(object_id))
        if manager is None or self.restore_service is None or obj is None:
            raise Http404
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        version = (
            manager.filter(**{self.opts.pk.attname: obj.pk}, history_id=version_id)
            .exclude(history_type="-")
            .select_related("history_user")
            .first()
        )
        if version is None:
            raise Http404
        when = date_format(timezone.localtime(version.history_date), DATETIME)
        if request.method == "POST":
            try:
                with transaction.atomic():
                    self.restore_service(**{self.opts.model_name: obj}, version=version, by=request.user)
            except ValidationError as error:
                for message in error.messages:
                    self.message_user(request, message, messages.ERROR)
                obj = self.get_object(request, unquote(object_id))
            else:
                self.message_user(
                    request,
                    gettext("“%(record)s” was restored to its version of %(date)s.")
                    % {"record": obj, "date": when},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(self._audit_url("change", obj.pk))
        context = self._context(
            request,
            obj,
            title=gettext("Restore “%(record)s” to its version of %(date)s?") % {"record": obj, "date": when},
            version=versions_one(self.model, version),
            changes=restore_preview(obj, version),
            history_url=self._audit_url("history", obj.pk),
        )
        return TemplateResponse(request, self.audit_restore_template, context)

    def deleted_records_view(self, request):
        manager = self._audit()
        if manager is None:
            raise Http404
        if not (self.has_view_permission(request) and self._sees_every_organisation(request)):
            raise PermissionDenied
        pk_name = self.opts.pk.attname
        rows = (
            manager.filter(history_type="-")
            .exclude(**{f"{pk_name}__in": self.model._base_manager.values("pk")})
            .select_related("history_user")
            .order_by("-history_date", "-history_id")
        )
        paginator = Paginator(rows, self.history_per_page)
        page = paginator.get_page(request.GET.get("p"))
        versions = history_versions(self.model, list(page.object_list))
        for version in versions:
            version.record.history_url = self._audit_url("history", getattr(version.record, pk_name))
        context = self._context(
            request,
            None,
            title=gettext("Deleted records: %(records)s") % {"records": self.opts.verbose_name_plural},
            versions=versions,
            page=page,
            page_range=paginator.get_elided_page_range(page.number),
        )
        return TemplateResponse(request, self.audit_deleted_template, context)


def versions_one(model: type[models.Model], record) -> Version:
    """One version alone (the one a restore goes back to), without its changes."""
    return history_versions(model, [record])[0]


def restore_preview(obj: models.Model, version) -> list[FieldChange]:
    """What restoring `obj` to `version` would change (the current value → the version's), as
    `restore_fields` copies it; `obj` is left as it is."""
    restored = copy.copy(obj)
    names = restore_fields(restored, version)
    pairs = [
        (
            name,
            getattr(obj, obj._meta.get_field(name).attname),
            getattr(restored, obj._meta.get_field(name).attname),
        )
        for name in names
    ]
    return _changes(
        type(obj), pairs, _Names(type(obj), [(name, v) for name, *values in pairs for v in values])
    )
