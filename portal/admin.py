"""Admin pieces every app's admin is built on: hostile input gets a clear answer, never a 500.

- `SafeChangeListMixin`: a list URL with a date or filter value Python cannot hold
  (`?signed_on__year=99999999999`, the last day of year 9999) is answered like any other
  wrong filter: back to the list, with a message saying the filter was dropped.
- `SafeAutocompleteSelect(Multiple)`: a form shown again with a value that is not a key
  (`host=abc`, a number past the column's range) shows the field empty instead of failing
  while it looks the value up.

And one piece that keeps change forms fast however many rows their inlines hold:

- `SharedLookupsInlineMixin`: the rows of an inline share the lookups of their related fields,
  so a change form reads the same number of queries with 1 row or 50.

And the pieces that fit a change form on a laptop and find what is typed:

- `OneLineTextarea`: a long one-line text (a title, a title line) in a box that wraps and grows
  with its text (static/css/admin.css), so the whole text is seen; newlines typed are spaces.
- `FoldedSearchMixin`: searches and autocomplete answers ignore case and diacritics ("hoc vien
  khu vuc iv" finds "Học viện Chính trị khu vực IV") and rank exact, then prefix matches first.
"""

import datetime as dt

from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR, IncorrectLookupParameters
from django.contrib.admin.utils import lookup_spawns_duplicates, quote
from django.contrib.admin.views.main import ERROR_FLAG, ChangeList
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import EmptyResultSet, FullResultSet, ValidationError
from django.db import connections
from django.db.models import Case, CharField, IntegerField, Q, TextField, Value, When
from django.db.models.functions import Concat, Length
from django.db.models.lookups import Contains, Exact, StartsWith
from django.forms import ModelChoiceField
from django.forms.widgets import ChoiceWidget, Textarea
from django.http import HttpResponseRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils.choices import BaseChoiceIterator
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext


class SafeChangeList(ChangeList):
    def get_filters(self, request):
        # Django turns a ValueError of the date hierarchy into a wrong-filter answer, but not
        # an OverflowError (year 99999999999) nor the year after 9999 it computes itself.
        try:
            return super().get_filters(request)
        except (ValueError, OverflowError) as exc:
            raise IncorrectLookupParameters(exc) from exc

    def get_queryset(self, request, exclude_parameters=None):
        # Django lets the address filter any field of the model (`?date_joined__year=…`); a
        # value it cannot turn into SQL fails only when the list is rendered. Compiling the
        # query here turns that into a wrong-filter answer too.
        queryset = super().get_queryset(request, exclude_parameters)
        try:
            queryset.query.get_compiler(queryset.db).as_sql()
        except (EmptyResultSet, FullResultSet):
            pass
        except (ValueError, OverflowError, TypeError, ValidationError) as exc:
            raise IncorrectLookupParameters(exc) from exc
        return queryset

    def get_results(self, request):
        # A number past 64 bits compiles, but SQLite cannot bind it (`?agreement__gt=2**63`).
        try:
            return super().get_results(request)
        except OverflowError as exc:
            raise IncorrectLookupParameters(exc) from exc


class SafeChangeListMixin:
    def get_changelist(self, request, **kwargs):
        return SafeChangeList

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        # Django answers a wrong filter by redirecting to "?e=1" and then shows a page about a
        # broken database installation; staff get their list back with a message instead.
        if isinstance(response, HttpResponseRedirect) and response.url == f"{request.path}?{ERROR_FLAG}=1":
            messages.warning(request, gettext("A filter in the address was not valid and has been removed."))
            keep = {IS_POPUP_VAR} & set(request.GET)
            return HttpResponseRedirect(
                request.path + ("?" + "&".join(f"{key}=1" for key in keep) if keep else "")
            )
        return response


class _SafeAutocompleteMixin:
    # Set by SharedLookupsFormSetMixin on the rows of an inline: the selected options of every row.
    shared_options: "SharedSelectedOptions | None" = None

    def optgroups(self, name, value, attr=None):
        value = [item for item in value if self._is_key(item)]
        if self.shared_options is None:
            return super().optgroups(name, value, attr)
        # AutocompleteMixin.optgroups, with the labels read once for all the rows.
        default = (None, [], 0)
        selected_choices = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        if not self.is_required and not self.allow_multiple_selected:
            default[1].append(self.create_option(name, "", "", False, 0))
        has_selected = False
        labels = self.shared_options.labels() if selected_choices else {}
        for key, (option_value, option_label) in labels.items():
            if key not in selected_choices:
                continue
            selected = key in value and (has_selected is False or self.allow_multiple_selected)
            has_selected |= selected
            default[1].append(
                self.create_option(name, option_value, option_label, selected_choices, len(default[1]))
            )
        return [default]

    def _key_attname(self) -> str:
        opts = self.field.remote_field.model._meta
        return opts.get_field(getattr(self.field.remote_field, "field_name", opts.pk.attname)).attname

    def _is_key(self, value) -> bool:
        """Whether `value` can be looked up in the related table's key column at all."""
        if value in (None, ""):
            return True
        remote = self.field.remote_field
        key = remote.model._meta.get_field(getattr(remote, "field_name", None) or remote.model._meta.pk.name)
        try:
            python_value = key.to_python(value)
        except (ValidationError, TypeError, ValueError):
            return False
        ops = connections[self.db or "default"].ops
        internal_type = key.get_internal_type()
        if isinstance(python_value, int) and internal_type in ops.integer_field_ranges:
            low, high = ops.integer_field_range(internal_type)
            return (low is None or python_value >= low) and (high is None or python_value <= high)
        return True


class SafeAutocompleteSelect(_SafeAutocompleteMixin, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(_SafeAutocompleteMixin, AutocompleteSelectMultiple):
    pass


class SharedChoices(BaseChoiceIterator):
    """The choices of a select field, read once and shared by the same field of every row."""

    def __init__(self, field: ModelChoiceField):
        self.field = field
        self._choices: list | None = None

    def __iter__(self):
        if self._choices is None:
            self._choices = list(self.field.iterator(self.field))
        return iter(self._choices)


class SharedSelectedOptions:
    """The options selected in an autocomplete field across every row of a formset, with their
    labels: those the saved rows already hold (loaded with select_related or prefetch_related by
    the inline) without a query, any other (a row posted again) in one query for all rows."""

    def __init__(self, formset, name: str):
        self.formset = formset
        self.name = name
        self._labels: dict[str, tuple] | None = None

    def labels(self) -> dict[str, tuple]:
        """{key as text: (key, label)} for the values of every row."""
        if self._labels is None:
            self._labels = self._collect(self.formset.forms) if self.formset.forms else {}
        return self._labels

    def _collect(self, forms) -> dict[str, tuple]:
        widget = _innermost(forms[0].fields[self.name].widget)
        attname = widget._key_attname()
        keys, held = set(), {}
        for form in forms:
            value = form[self.name].value()
            for item in value if isinstance(value, list | tuple) else [value]:
                if item not in (None, "") and widget._is_key(item):
                    keys.add(str(item))
            held |= {str(getattr(obj, attname)): obj for obj in self._held(form)}
        label = widget.choices.field.label_from_instance
        labels = {key: (getattr(obj, attname), label(obj)) for key, obj in held.items() if key in keys}
        if keys - labels.keys():
            labels |= self._read(widget, keys - labels.keys())
        return labels

    def _held(self, form) -> list:
        """The related records a saved row already holds: its value loaded with it
        (select_related), or its many-to-many values (prefetch_related), read without a query."""
        if form.instance.pk is None:
            return []
        field = form.instance._meta.get_field(self.name)
        if field.many_to_many:
            initial = form.initial.get(self.name) or []
            return [obj for obj in initial if hasattr(obj, "_meta")]
        if field.is_relation and field.is_cached(form.instance):
            obj = field.get_cached_value(form.instance)
            return [obj] if obj is not None else []
        return []

    def _read(self, widget, keys: set[str]) -> dict[str, tuple]:
        attname = widget._key_attname()
        queryset = widget.choices.queryset.using(widget.db).filter(**{f"{attname}__in": keys})
        # Labels may follow relations (a team is named after its committee's organisation): the
        # related admin's list_select_related, as its own list and autocomplete answers use.
        site = widget.admin_site
        related_admin = site.get_model_admin(queryset.model) if site.is_registered(queryset.model) else None
        select_related = getattr(related_admin, "list_select_related", False)
        if select_related is True:
            queryset = queryset.select_related()
        elif select_related:
            queryset = queryset.select_related(*select_related)
        label = widget.choices.field.label_from_instance
        return {str(getattr(obj, attname)): (getattr(obj, attname), label(obj)) for obj in queryset}


def _innermost(widget):
    """The widget itself, inside the admin's wrapper (the add and change links) if any."""
    while hasattr(widget, "widget"):
        widget = widget.widget
    return widget


class SharedLookupsFormSetMixin:
    """Every row of the formset shares the lookups of its related fields: a select's choices are
    read once for all rows, the options selected in autocomplete boxes once for all rows
    (SharedSelectedOptions)."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        shared = self.__dict__.setdefault("_shared_lookups", {})
        for name, field in form.fields.items():
            if not isinstance(field, ModelChoiceField):
                continue
            widget = _innermost(field.widget)
            if isinstance(widget, _SafeAutocompleteMixin):
                if name not in shared:
                    shared[name] = SharedSelectedOptions(self, name)
                widget.shared_options = shared[name]
            elif isinstance(widget, ChoiceWidget) and not hasattr(field, "_choices"):
                if name not in shared:
                    shared[name] = SharedChoices(field)
                field.choices = shared[name]


class SharedLookupsInlineMixin:
    """An inline whose rows share their lookups (SharedLookupsFormSetMixin); rows that show
    related records (str() of a row, a many-to-many value) should still be select_related or
    prefetched by the inline's get_queryset."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (SharedLookupsFormSetMixin, formset), {})


class SafeAutocompleteMixin:
    """Autocomplete boxes that survive a value that is not a key (see the module docstring)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class AdminLinksMixin:
    """Addresses of this admin's pages, in the current admin site."""

    def change_url(self, obj) -> str:
        """The change page of `obj`."""
        opts = obj._meta
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change",
            args=[quote(obj.pk)],
            current_app=self.admin_site.name,
        )

    def changelist_url(self, model, parameters: dict | None = None) -> str:
        """The list of `model`, filtered by `parameters`."""
        opts = model._meta
        url = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_changelist", current_app=self.admin_site.name
        )
        return f"{url}?{urlencode(parameters)}" if parameters else url


class ReadOnlyInlineMixin:
    """An inline of rows written by a service with their parent (a status history, what became
    of an organisation): shown to whoever may see the parent, never added, changed or deleted here."""

    can_delete = False
    extra = 0

    def has_view_permission(self, request, obj=None):
        return self.admin_site.get_model_admin(self.parent_model).has_view_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class YearListFilter(admin.SimpleListFilter):
    """The years found in `date_field` of the listed rows, the latest first; a year typed in
    the address that no calendar holds (0, 99999999999, "abc") filters nothing."""

    parameter_name = "year"
    date_field = ""

    def lookups(self, request, model_admin):
        days = model_admin.get_queryset(request).dates(self.date_field, "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in days]

    def queryset(self, request, queryset):
        value = self.value() or ""
        if value.isascii() and value.isdigit() and dt.MINYEAR <= int(value) <= dt.MAXYEAR:
            return queryset.filter(**{f"{self.date_field}__year": int(value)})
        return queryset


def year_filter(date_field: str, title) -> type[YearListFilter]:
    """A YearListFilter on `date_field`, headed `title`."""
    return type(f"YearListFilter_{date_field}", (YearListFilter,), {"date_field": date_field, "title": title})


class RecordsChangedAdminMixin:
    """Every save and delete made in an admin marks the records of its app as changed, once the
    transaction commits, so the public pages showing them are rebuilt (portal/cache.py)."""

    def _records_changed(self):
        from portal.cache import records_changed

        records_changed(self.model._meta.app_label)

    def save_model(self, request, obj, form, change):
        self._records_changed()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        self._records_changed()
        super().save_related(request, form, formsets, change)

    def delete_model(self, request, obj):
        self._records_changed()
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        self._records_changed()
        super().delete_queryset(request, queryset)


class ServiceWritesAdminMixin:
    """A change form whose record and inline rows are written by one call of the app's service.

    The forms and formsets only validate (their clean() calls the service's checks); then
    `save_aggregate` hands the valid main form and formsets to the service, with the acting
    user, and the service writes the record, its rows and its admin history. Nothing is saved
    nor logged here: the service marks the records changed (`portal.cache.changes`) and
    records the history (`portal.history.record_change`).
    """

    def save_model(self, request, obj, form, change):
        """Nothing: `save_related` saves the record with its rows, through the service."""

    def save_related(self, request, form, formsets, change):
        self.save_aggregate(request, form, formsets, change)

    def save_aggregate(self, request, form, formsets, change) -> None:
        """Call the app's service with `form.instance`, its rows and `by=request.user`."""
        raise NotImplementedError

    def construct_change_message(self, request, form, formsets, add=False):
        """None: the service writes the history message from the rows it wrote."""
        return ""

    def log_addition(self, request, obj, message):
        """Nothing: the service has recorded the addition with its user."""

    def log_change(self, request, obj, message):
        """Nothing: the service has recorded the change with its user."""


# --- Change forms that fit a laptop ---------------------------------------------------------------

# A text field this long or longer is a title or a title line: it is edited in a box that shows it whole.
LONG_TEXT_LENGTH = 255


class OneLineTextarea(Textarea):
    """A one-line text in a box that wraps and grows with it (CSS `field-sizing: content`).

    The value stays one line: a newline typed or pasted is read as a space."""

    def __init__(self, attrs=None):
        super().__init__({"rows": 1, "class": "vTextField one-line", **(attrs or {})})

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        return " ".join(value.splitlines()) if isinstance(value, str) else value


class FittingWidgetsMixin:
    """Long one-line texts of the model (max_length >= LONG_TEXT_LENGTH, no choices) are edited in
    a OneLineTextarea, in every admin and inline built on portal.scoping."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if (
            type(db_field) is CharField
            and not db_field.choices
            and (db_field.max_length or 0) >= LONG_TEXT_LENGTH
            and "widget" not in kwargs
        ):
            kwargs["widget"] = OneLineTextarea
        return super().formfield_for_dbfield(db_field, request, **kwargs)


# --- Finding what is typed ------------------------------------------------------------------------


class FoldedSearchMixin:
    """Searches of a changelist and answers of autocomplete boxes that ignore case and marks.

    Each word typed (folded: "Khu vực" → "khu", "vuc") must be in one of `search_fields`,
    folded in the database (portal.db.functions.Fold), as Django's own search asks each word
    to be in one of the fields. Answers are ranked: the first search field equal to what was
    typed, then starting with it, then the rest; then by `search_rank_ordering` (for example
    top-level organisations before their sub-units), then by the admin's ordering. A changelist
    keeps its own column ordering.
    """

    search_rank_ordering: tuple = ()

    def get_search_results(self, request, queryset, search_term):
        from portal.db.functions import Fold
        from portal.lib.search import query_words

        search_fields = [str(field).lstrip("^=@") for field in self.get_search_fields(request)]
        typed = query_words(search_term or "")
        if not search_fields or not typed:
            return super().get_search_results(request, queryset, search_term)
        # " " + the folded words: a typed word is found at the start of a word ("hoc vi" finds
        # "Học viện"), never inside one ("i" does not find "Chính trị").
        spaced = {field: Concat(Value(" "), Fold(field), output_field=TextField()) for field in search_fields}
        for word in typed:
            queryset = queryset.filter(
                Q.create([Contains(expression, f" {word}") for expression in spaced.values()], connector=Q.OR)
            )
        phrase = " ".join(typed)
        first = spaced[search_fields[0]]
        queryset = queryset.annotate(
            search_rank=Case(
                When(Exact(first, f" {phrase}"), then=Value(0)),
                When(StartsWith(first, f" {phrase}"), then=Value(1)),
                When(Contains(first, f" {phrase}"), then=Value(2)),
                default=Value(3),
                output_field=IntegerField(),
            ),
            search_length=Length(first),
        )
        ordering = [*self.search_rank_ordering, "search_length", *(self.get_ordering(request) or ()), "pk"]
        queryset = queryset.order_by("search_rank", *ordering)
        may_have_duplicates = any(
            lookup_spawns_duplicates(self.opts, f"{field}__icontains") for field in search_fields
        )
        return queryset, may_have_duplicates


# --- The admin in Vietnamese ----------------------------------------------------------------------


def _boolean_icon(value) -> str:
    """Django's yes/no/unknown icon of a list or a read-only field, its text translated (Django
    writes alt="True" / "False" / "None")."""
    name, text = {
        True: ("yes", gettext("Yes")),
        False: ("no", gettext("No")),
        None: ("unknown", gettext("Unknown")),
    }[value]
    return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{name}.svg"), text)


def translate_boolean_icons() -> None:
    """Make Django's admin use `_boolean_icon` (called once, by PortalConfig.ready)."""
    from django.contrib.admin.templatetags import admin_list

    admin_list._boolean_icon = _boolean_icon
