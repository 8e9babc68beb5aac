"""The base of every app's spreadsheet: Vietnamese columns, natural keys, all-or-nothing imports.

An app's resource (`<app>/resources.py`) declares its columns with the widgets of
`portal.exchange.widgets` and says which columns identify a record (`natural_key`); this
base adds what every spreadsheet of the portal must do:

- Export: every string cell escaped (a cell never runs as a formula, whichever path wrote
  it), dates as dates; `export_rows` streams rows for the big exports, without a query per row.
- Import: the columns checked before any row is read (a missing or renamed column names the
  expected one); existing records found in a dict built once per file, by natural key; a
  second row with the same key is refused; blank rows skipped; errors keyed by the column's
  header; unchanged rows reported as such; and the whole file rolled back if any row is
  invalid. Rows are written by `write` (one row, through the app's service) or `write_bulk`
  (the app's bulk service), with the importing user as the acting user: the history of every
  record the file writes names the importer and the file (`acting_as`), and a stored record of
  another organisation than the importer's is refused as that row's error, as is a
  ScopeError (a ValidationError) the service raises while writing the row.
"""

from collections.abc import Callable, Iterator
from typing import Any, ClassVar

from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import User
from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, ValidationError
from django.db.models import Manager, Model, QuerySet
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from import_export.results import RowResult

from portal.exchange.formats import SpreadsheetError
from portal.exchange.widgets import LookupWidget, ManyLookupWidget, _closest, escape_formula
from portal.history import acting_as
from portal.lib.text import fold

EXPORT_CHUNK = 2000


class SpreadsheetResource(resources.ModelResource):
    """Base of the portal's resources; subclasses set `natural_key` and override `write` or `write_bulk`."""

    # Names of the resource's fields whose values identify a record in a file and in the database.
    natural_key: ClassVar[tuple[str, ...]] = ()
    # Rows are collected and written by `write_bulk` once every row is valid.
    bulk: ClassVar[bool] = False

    class Meta:
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        clean_model_instances = True
        # Unchanged rows are found by comparing the cleaned values (below), not by the
        # library's copy-and-render diff of every row.
        skip_diff = True
        store_row_values = True

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.by: User | None = None
        self._existing: dict[tuple, Model] | None = None
        self._seen: dict[tuple, int] = {}
        self._row_number = 0
        self._created: list[Model] = []
        self._updated: list[Model] = []
        self._field_exporters: dict[int, Callable[[Model], Any]] | None = None
        # The headers in the language of this import or export, translated once: a lazy header
        # is translated again at every cell of every row (half a million times for 20,000 rows).
        for field in self.fields.values():
            if field.column_name is not None:
                field.column_name = force_str(field.column_name)

    # --- export -------------------------------------------------------------------------

    def export_queryset(self, queryset: QuerySet) -> QuerySet:
        """The queryset shaped for export (select_related/prefetch_related): no query per row."""
        return queryset

    def export_field(self, field, instance, **kwargs):
        # Native values (numbers, dates) whatever the format: the portal's writers turn them
        # into cells or text themselves.
        exporter = self._exporters().get(id(field))
        if exporter is None:
            exporter = self._exporter(field)
        return exporter(instance)

    def _exporters(self) -> dict[int, Callable[[Model], Any]]:
        """Each field's exporter, by the field's id: worked out once per resource, not per cell."""
        if self._field_exporters is None:
            self._field_exporters = {id(field): self._exporter(field) for field in self.fields.values()}
        return self._field_exporters

    def _exporter(self, field) -> Callable[[Model], Any]:
        """A function of a record giving `field`'s cell, as the library's `export_field` would
        (the resource's `dehydrate_<name>`, else the widget's rendering of the value), with
        numbers and dates kept native and every string escaped."""
        name = next((key for key, value in self.fields.items() if value is field), None)
        dehydrate = field.get_dehydrate_method(name) if name or field.dehydrate_method else None
        method = dehydrate if callable(dehydrate) else getattr(self, dehydrate or "", None)
        if method is not None:
            read = method
        else:
            value_of = _value_reader(field, prefetched=isinstance(field.widget, ManyLookupWidget))
            if type(field.widget) is widgets.Widget:
                # The library's plain widget turns numbers into text; a cell keeps them numbers.
                read = value_of
            else:
                render = field.widget.render

                def read(instance: Model) -> Any:
                    return render(value_of(instance), force_native_type=True)

        def export(instance: Model) -> Any:
            value = read(instance)
            return escape_formula(value) if isinstance(value, str) else value

        return export

    def iter_queryset(self, queryset):
        if not isinstance(queryset, QuerySet):
            yield from queryset
            return
        queryset = self.export_queryset(queryset)
        if not queryset.query.order_by and not queryset.ordered:
            queryset = queryset.order_by("pk")
        yield from queryset.iterator(chunk_size=EXPORT_CHUNK)

    def export_headers(self) -> list[str]:
        return self.get_export_headers()

    def export_rows(self, queryset: QuerySet) -> Iterator[list[Any]]:
        """Rows of `queryset` as cells (dates as dates, strings escaped), read in chunks."""
        exporters = self._exporters()
        columns = [exporters[id(field)] for field in self.get_export_fields()]
        for instance in self.iter_queryset(queryset):
            yield [export(instance) for export in columns]

    def template_rows(self) -> list[list[Any]]:
        """Example rows shown under the headers of the downloadable template."""
        return []

    # --- import: the file ------------------------------------------------------------------

    def import_columns(self) -> list[str]:
        """The columns a file must have: every column the import reads."""
        return [force_str(field.column_name) for field in self.get_import_fields() if not field.readonly]

    def known_columns(self) -> list[str]:
        """The columns a file may have: those read, and those an export adds (a link, an id)."""
        columns = self.import_columns()
        return columns + [name for name in self.get_export_headers() if name not in columns]

    def before_import(self, dataset, **kwargs):
        self.by = kwargs.get("user")
        self._existing = None
        self._seen = {}
        self._created = []
        self._updated = []
        for field in self.get_import_fields():
            if isinstance(field.widget, LookupWidget):
                field.widget.reset()
        self._check_headers(dataset)

    def _check_headers(self, dataset) -> None:
        """Match the file's headers to the columns (case and accents ignored); refuse a missing
        or unknown column before any row is read."""
        wanted = self.import_columns()
        known = self.known_columns()
        by_fold = {fold(name): name for name in known}
        headers = [by_fold.get(fold(str(header or "")), str(header or "")) for header in dataset.headers]
        dataset.headers = headers
        problems = []
        missing = [name for name in wanted if name not in headers]
        for header in headers:
            if header not in known:
                # A renamed column is one the file misses: "Tên tổ chức" is not offered the
                # "Tổ chức cấp trên" the file has.
                closest = _closest(header, missing or wanted, count=1) if header else []
                if closest:
                    problems.append(
                        _("Unknown column “%(column)s”: did you mean “%(closest)s”?")
                        % {"column": header, "closest": closest[0]}
                    )
                else:
                    problems.append(_("Unknown column “%(column)s”.") % {"column": header or "?"})
        if missing:
            problems.append(_("Missing columns: %(columns)s.") % {"columns": "; ".join(missing)})
        duplicated = sorted({header for header in headers if headers.count(header) > 1})
        if duplicated:
            problems.append(_("Columns given twice: %(columns)s.") % {"columns": "; ".join(duplicated)})
        if problems:
            raise SpreadsheetError(
                " ".join(problems) + " " + _("Download the template for the expected columns.")
            )

    def _check_import_id_fields(self, headers):
        # The natural key replaces the library's id columns; headers are checked above.
        return None

    def import_row(self, row, instance_loader, **kwargs):
        if not any(value is not None and str(value).strip() for value in row.values()):
            result = self.get_row_result_class()()
            result.import_type = RowResult.IMPORT_TYPE_SKIP
            return result
        self._row_number = kwargs.get("row_number", 0)
        return super().import_row(row, instance_loader, **kwargs)

    # --- import: one row --------------------------------------------------------------------

    def key_fields(self):
        return [self.fields[name] for name in self.natural_key]

    def key_of_instance(self, instance: Model) -> tuple:
        """The natural key of a stored record, as the cleaned cells of its row would give it."""
        key = tuple(_key_part(stored_value(field, instance)) for field in self.key_fields())
        return self.normalize_key(key)

    def existing(self) -> dict[tuple, Model]:
        """The records already stored, by natural key: read once per file."""
        if self._existing is None:
            self._existing = {self.key_of_instance(obj): obj for obj in self.get_queryset()}
        return self._existing

    def get_instance(self, instance_loader, row):
        if not self.natural_key:
            return None
        errors = {}
        key = []
        for field in self.key_fields():
            try:
                key.append(_key_part(field.clean(row)))
            except ValueError as error:
                errors[force_str(field.column_name)] = ValidationError(force_str(error))
        if errors:
            raise ValidationError(errors)
        if all(part in ("", None) for part in key):
            columns = ", ".join(force_str(field.column_name) for field in self.key_fields())
            raise ValidationError(_("The row has no value in %(columns)s.") % {"columns": columns})
        return self.find_existing(self.normalize_key(tuple(key)))

    def normalize_key(self, key: tuple) -> tuple:
        """The key a record is known by, from its key columns' values (a subclass may, say, know
        a decision without a number by its title)."""
        return key

    def find_existing(self, key: tuple) -> Model | None:
        """The stored record of `key`; a second row of the file with the same key is refused."""
        sheet_row = self._row_number + 1
        first = self._seen.setdefault(key, sheet_row)
        if first != sheet_row:
            raise ValidationError(
                _("This row repeats row %(row)d (the same %(columns)s).")
                % {"row": first, "columns": ", ".join(self.key_columns(key))}
            )
        return self.existing().get(key)

    def key_columns(self, key: tuple) -> list[str]:
        """The columns that make up `key`, as a repeated row's message names them."""
        return [force_str(field.column_name) for field in self.key_fields()]

    def get_or_init_instance(self, instance_loader, row):
        instance, new = super().get_or_init_instance(instance_loader, row)
        instance._exchange_before = None if new else self._values(instance)  # type: ignore[attr-defined]
        instance._exchange_many = {}  # type: ignore[attr-defined]
        return instance, new

    def _values(self, instance: Model) -> dict[str, Any]:
        return {
            field.attribute: stored_value(field, instance)
            for field in self.get_import_fields()
            if field.attribute and not field.readonly
        }

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if isinstance(field.widget, ManyLookupWidget):
            if field.column_name in row:
                instance._exchange_many[field.attribute] = field.clean(row, **kwargs)
            return
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def many_to_many(self, instance: Model) -> dict[str, list[Model]]:
        """The related records of the row's many-valued columns, by field name."""
        return dict(getattr(instance, "_exchange_many", {}))

    def import_instance(self, instance, row, **kwargs):
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            raise ValidationError(self._by_column(error.update_error_dict({}))) from None

    def skip_row(self, instance, original, row, import_validation_errors=None):
        before = getattr(instance, "_exchange_before", None)
        if import_validation_errors or before is None:
            return False
        after = self._values(instance)
        for name, objects in self.many_to_many(instance).items():
            after[name] = sorted(obj.pk for obj in objects)
        return after == before

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=False):
        errors = dict(import_validation_errors or {})
        attributes = {force_str(field.column_name): field.attribute for field in self.get_import_fields()}
        # Fields no column fills (a slug, who changed the status) are the service's to set.
        imported = {attribute.split("__")[0] for attribute in attributes.values() if attribute}
        exclude = {attributes.get(key, key) for key in errors} | {
            field.name
            for field in instance._meta.get_fields()
            if field.concrete and field.name not in imported
        }
        try:
            instance.full_clean(exclude=exclude, validate_unique=validate_unique)
            self.validate_row(instance)
        except ValidationError as error:
            errors = {**errors, **self._by_column(error.update_error_dict({}))}
        if errors:
            raise ValidationError(errors)

    def validate_row(self, instance: Model) -> None:
        """Rules of a row beyond the model's `clean` (subclasses); raise ValidationError."""

    def _by_column(self, errors: dict[str, Any]) -> dict[str, Any]:
        """Errors keyed by the spreadsheet's column headers instead of the model's field names."""
        columns = {}
        for field in self.get_import_fields():
            if field.attribute:
                columns.setdefault(field.attribute.split("__")[0], force_str(field.column_name))
        keyed: dict[str, Any] = {}
        for key, messages in errors.items():
            column = NON_FIELD_ERRORS if key == NON_FIELD_ERRORS else columns.get(key, key)
            keyed.setdefault(column, []).extend(messages if isinstance(messages, list) else [messages])
        return keyed

    # --- import: writing ----------------------------------------------------------------------

    def check_permission(self, instance: Model, *, new: bool) -> None:
        """Refuse the row unless the importing user may add (a new row) or change (a stored one)
        such records, and a stored one is of their organisations (portal/scoping.py): the import
        permission brings a file in, not rights the user lacks. (The service checks a new
        record's organisation once written.)"""
        if self.by is None:
            return
        opts = instance._meta
        action = "add" if new else "change"
        if not self.by.has_perm(f"{opts.app_label}.{get_permission_codename(action, opts)}"):
            message = (
                _("You may not add %(records)s: this row would add one.")
                if new
                else _("You may not change %(records)s: this row would change one.")
            )
            raise ValidationError(message % {"records": opts.verbose_name_plural})
        if not new:
            self.check_scope(instance)

    def check_scope(self, instance: Model) -> None:
        """Refuse a stored record outside the importing user's organisations: one query a row;
        a resource importing many rows may read them all at once instead (people)."""
        # Imported here: portal.scoping builds on the admin mixins, which import this module.
        from portal.scoping import require_writable

        require_writable(instance, self.by)

    def save_instance(self, instance, is_create, row, **kwargs):
        self.check_permission(instance, new=is_create)
        self.before_save_instance(instance, row, **kwargs)
        if self.bulk:
            (self._created if is_create else self._updated).append(instance)
        else:
            self.write(instance, new=is_create, row=row, by=self.by)
        self.after_save_instance(instance, row, **kwargs)

    def save_m2m(self, instance, row, **kwargs):
        # Written by `write`/`write_bulk` with the record, through the app's service.
        return None

    def write(self, instance: Model, *, new: bool, row: dict[str, Any], by: User | None) -> None:
        """Write one valid row through the app's service (subclasses)."""
        raise NotImplementedError(f"{type(self).__name__} must write its rows through a service.")

    def write_bulk(self, created: list[Model], updated: list[Model], *, by: User | None) -> None:
        """Write every valid row at once through the app's bulk service (subclasses with `bulk`)."""
        raise NotImplementedError(f"{type(self).__name__} must write its rows through a bulk service.")

    def after_import(self, dataset, result, **kwargs):
        if self.bulk and not (result.has_errors() or result.has_validation_errors()):
            try:
                self.write_bulk(self._created, self._updated, by=self.by)
            except ValidationError as error:
                # A refusal of the whole batch (a record of another organisation…): the file's
                # error, in words, and nothing written.
                raise SpreadsheetError(" ".join(error.messages)) from None
        self._created, self._updated = [], []
        super().after_import(dataset, result, **kwargs)

    def import_data(self, dataset, dry_run=False, raise_errors=False, use_transactions=None, **kwargs):
        """Import `dataset`; any invalid row leaves the database as it was (all or nothing).

        Every write is recorded as the importing user's (`user`), the file named as the reason."""
        kwargs["rollback_on_validation_errors"] = True
        reason = _("Spreadsheet import “%(file)s”") % {"file": kwargs.get("file_name") or "?"}
        with acting_as(kwargs.get("user"), reason=reason):
            return super().import_data(
                dataset,
                dry_run=dry_run,
                raise_errors=raise_errors,
                use_transactions=use_transactions,
                **kwargs,
            )


def stored_value(field, instance: Model) -> Any:
    """The value of a column's field on `instance`, without a query for a foreign key's record."""
    if isinstance(field.widget, ManyLookupWidget):
        return sorted(obj.pk for obj in field.get_value(instance).all()) if instance.pk else []
    if isinstance(field.widget, LookupWidget) and "__" not in field.attribute:
        return getattr(instance, instance._meta.get_field(field.attribute).attname)
    return field.get_value(instance)


def _key_part(value: Any) -> Any:
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, str):
        return fold(value)
    return value


def _value_reader(field, *, prefetched: bool = False) -> Callable[[Model], Any]:
    """`field.get_value`, without its per-call split of the attribute for a plain attribute.

    With `prefetched` (a widget that iterates a queryset as it is, never calling `.all()` on
    it), a relation's prefetched records are given as their queryset, without the related
    manager Django would build for every access.
    """
    if type(field).get_value is not fields.Field.get_value or not field.attribute or "__" in field.attribute:
        return field.get_value
    attribute = field.attribute

    def value_of(instance: Model) -> Any:
        if prefetched:
            cache = getattr(instance, "_prefetched_objects_cache", None)
            if cache and attribute in cache:
                return cache[attribute]
        try:
            value = getattr(instance, attribute, None)
        except (ValueError, ObjectDoesNotExist, KeyError):
            return None
        if callable(value) and not isinstance(value, Manager):
            value = value()
        return value

    return value_of
