"""What a staff member may see and change: one rule, applied everywhere.

Every staff user belongs to one or more organisations (committees.StaffMembership). Except
system administrators (the permission `committees.view_all_organizations`, or a superuser),
they see and change only the records *owned* by those organisations or their children, and
see read-only the records of other organisations *shared* with theirs (an agreement they are
party to, an event where they had a connection site, the organisations above theirs).

`RULES` below says, model by model, which relations make a record owned or shared; a model
not in it (regions, provinces, legal documents, categories, tags, sources) is common to all
staff and governed by model permissions alone. `scope_for_staff` is the one selector:

- the admin (`ScopedAdminMixin`, base of every ModelAdmin and inline) filters its rows,
  change and delete pages, inlines, foreign-key choices and autocomplete answers through it,
  and makes shared records read-only (`has_change_permission`, `has_delete_permission`);
- the services call `require_writable` with their `by` before and after a write, so an
  import or a job acting for a user obeys the same rule as the admin's forms;
- dashboards, summaries and exports read through it (or through the admin's changelist).

Related list filters should be `ScopedRelatedListFilter`: it offers only the values
found in the (scoped) changelist rows, where Django's plain related filter lists every
row of the related table.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.admin.widgets import AdminTextareaWidget
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.admin import (
    AdminLinksMixin,
    FittingWidgetsMixin,
    FoldedSearchMixin,
    RecordsChangedAdminMixin,
    SafeAutocompleteMixin,
    SafeChangeListMixin,
    SharedLookupsInlineMixin,
)
from portal.audit_admin import HistoryAdminMixin
from portal.exchange.admin import SpreadsheetAdminMixin

ModelT = TypeVar("ModelT", bound=models.Model)

SEE_ALL_PERMISSION = "committees.view_all_organizations"


@dataclass(frozen=True)
class Link:
    """A relation from a record to an organisation (`path` to an Organization's pk), counted
    only where the `when` lookups hold on the same join (a party of the lead role)."""

    path: str
    when: dict[str, object] = field(default_factory=dict)

    def q(self, ids: Iterable[int]) -> Q:
        return Q(**{f"{self.path}__in": list(ids)}, **self.when)

    def set_q(self) -> Q:
        return Q(**{f"{self.path}__isnull": False}, **self.when)


def _links(paths: tuple[str | Link, ...]) -> tuple[Link, ...]:
    return tuple(p if isinstance(p, Link) else Link(p) for p in paths)


@dataclass(frozen=True)
class Rule:
    """How the records of a model belong to organisations.

    own: a record is the user's (seen and changed) when one of these names an organisation
         in their scope (theirs and their children).
    shared: seen read-only when one of these names an organisation in their scope.
    above: seen read-only when one of these names an organisation above theirs (the parent
           academy, whose records theirs refer to).
    unattached: what a record none of the `own` or `shared` relations names is: nobody's
                ("none"), common read-only ("read") or common to every staff user ("write").
                (A region's summary names no owner but is shared with the region's
                organisations: it is not common.)
    """

    own: tuple[str | Link, ...]
    shared: tuple[str | Link, ...] = ()
    above: tuple[str | Link, ...] = ()
    unattached: Literal["none", "read", "write"] = "none"

    def owner_fields(self) -> set[str]:
        """The record's own fields naming its owner, directly (an event's host) or through the
        record it belongs to (a team's committee): a choice among what the user may change."""
        return {link.path.split("__")[0] for link in _links(self.own) if link.path != "pk"}


_EVENT_SHARED = ("sites__organization", "co_organizers")
_AGREEMENT_LEAD = Link("parties__organization", {"parties__role": "lead"})

# One table: model label → how its records belong to organisations. A new scoped model
# adds one line here (and a row in tests/security/test_matrix.py).
_PERSON_POSITIONS = (
    "positions__organization",
    "positions__committee__organization",
    "positions__team__committee__organization",
)

RULES: dict[str, Rule] = {
    # The organisations of their region are seen read-only: the partners (provincial boards,
    # schools) a secretariat names as agreement parties, connection sites or co-organisers.
    "committees.organization": Rule(own=("pk",), shared=("region__organizations",), above=("pk",)),
    "committees.organizationname": Rule(own=("organization",), above=("organization",)),
    "committees.organizationchange": Rule(own=("predecessor", "successor")),
    "committees.steeringcommittee": Rule(own=("organization",), above=("organization",)),
    "committees.team": Rule(own=("committee__organization",), above=("committee__organization",)),
    # The people of the organisations above are seen read-only: the national academy's
    # leaders chair and speak at a regional academy's conferences, and are chosen, not retyped.
    "committees.person": Rule(
        own=_PERSON_POSITIONS,
        above=_PERSON_POSITIONS,
        unattached="write",
        shared=(),
    ),
    "committees.position": Rule(
        own=("organization", "committee__organization", "team__committee__organization"),
    ),
    "committees.decision": Rule(
        own=("issuer_organization", "issuer_committee__organization"),
        above=("issuer_organization", "issuer_committee__organization"),
    ),
    "committees.staffmembership": Rule(own=("organization",)),
    "events.event": Rule(own=("host",), shared=_EVENT_SHARED),
    **{
        f"events.{name}": Rule(own=("event__host",), shared=tuple(f"event__{p}" for p in _EVENT_SHARED))
        for name in (
            "eventsite",
            "attendee",
            "eventchair",
            "speech",
            "eventdocument",
            "eventphoto",
            "decisionannouncement",
            "award",
            "keyfigure",
        )
    },
    "agreements.agreement": Rule(own=(_AGREEMENT_LEAD,), shared=("parties__organization",)),
    **{
        f"agreements.{name}": Rule(
            own=(Link("agreement__parties__organization", {"agreement__parties__role": "lead"}),),
            shared=("agreement__parties__organization",),
        )
        for name in ("agreementparty", "direction", "milestone", "notice")
    },
    "agreements.task": Rule(
        own=(Link("agreement__parties__organization", {"agreement__parties__role": "lead"}),),
        shared=("agreement__parties__organization", "owner"),
    ),
    "reports.report": Rule(own=("organization", "committee__organization")),
    "reports.reportitem": Rule(own=("report__organization", "report__committee__organization")),
    "reports.reportattachment": Rule(own=("report__organization", "report__committee__organization")),
    "reports.summary": Rule(own=("organization",), shared=("region__organizations",), unattached="read"),
    "reports.summaryjob": Rule(own=("organization",), shared=("region__organizations",), unattached="read"),
    "news.article": Rule(own=("source_organization",)),
    "news.articlefeedback": Rule(own=("article__source_organization",)),
}


def rule_for(model: type[models.Model]) -> Rule | None:
    return RULES.get(model._meta.label_lower)


@dataclass
class StaffScope:
    """The organisations a user acts for: `memberships` (theirs, in the order they were given),
    `own` (theirs and their children) and `above` (the organisations over theirs);
    `everything` for system administrators."""

    everything: bool
    memberships: tuple[int, ...] = ()
    own: frozenset[int] = frozenset()
    above: frozenset[int] = frozenset()


def staff_scope(user: AbstractBaseUser) -> StaffScope:
    """The scope of `user`, read once per user object (two queries)."""
    cached = getattr(user, "_staff_scope", None)
    if cached is not None:
        return cached
    from committees.models import Organization, StaffMembership

    if getattr(user, "is_superuser", False):
        scope = StaffScope(everything=True)
    elif not user.is_authenticated:
        scope = StaffScope(everything=False)
    elif user.has_perm(SEE_ALL_PERMISSION):
        scope = StaffScope(everything=True)
    else:
        mine = tuple(
            StaffMembership.objects.filter(user=user).order_by("pk").values_list("organization_id", flat=True)
        )
        children: dict[int | None, list[int]] = {}
        parents: dict[int, int | None] = {}
        if mine:
            for pk, parent in Organization.objects.values_list("pk", "parent_id"):
                children.setdefault(parent, []).append(pk)
                parents[pk] = parent
        own: set[int] = set()
        todo = list(mine)
        while todo:
            pk = todo.pop()
            if pk not in own:
                own.add(pk)
                todo.extend(children.get(pk, ()))
        above: set[int] = set()
        for pk in mine:
            parent = parents.get(pk)
            while parent is not None and parent not in above:
                above.add(parent)
                parent = parents.get(parent)
        scope = StaffScope(
            everything=False, memberships=mine, own=frozenset(own), above=frozenset(above - own)
        )
    user._staff_scope = scope  # type: ignore[attr-defined]
    return scope


def forget_staff_scope(user: AbstractBaseUser | None) -> None:
    """Read `user`'s scope again at its next use: their memberships, or the tree of
    organisations under theirs, changed (an organisation added, moved or assigned)."""
    if user is not None and hasattr(user, "_staff_scope"):
        # delattr, not the instance dict: request.user is a lazy object wrapping the user.
        delattr(user, "_staff_scope")


def _named_by(model: type[models.Model], link: Link, ids: Iterable[int]) -> Q:
    """The rows of `model` whose relation `link` names an organisation among `ids`: a plain
    condition when the relation is a column of the row (host, pk), else a subquery of its own
    (its table's index is used, and a many-valued relation does not repeat rows)."""
    if "__" not in link.path and not link.when:
        field = model._meta.pk if link.path == "pk" else model._meta.get_field(link.path)
        if field.concrete and not field.many_to_many:
            return link.q(ids)
    return Q(pk__in=model._default_manager.filter(link.q(ids)).values("pk"))


def _any(model: type[models.Model], links: tuple[str | Link, ...], ids: Iterable[int]) -> Q:
    q = Q(pk__in=[])
    for link in _links(links):
        q |= _named_by(model, link, ids)
    return q


def scope_q(model: type[models.Model], user: AbstractBaseUser, *, write: bool = False) -> Q | None:
    """The condition on `model`'s rows `user` may see (`write`: change); None for all rows."""
    rule = rule_for(model)
    scope = staff_scope(user)
    if rule is None or scope.everything:
        return None
    # One condition per relation, ORed: each is answered by its own index, and none joins the
    # queryset to a many-valued relation, so its rows stay single and in their order.
    matched = _any(model, rule.own, scope.own)
    if not write:
        matched |= _any(model, rule.shared, scope.own) | _any(model, rule.above, scope.above)
    if rule.unattached == "write" or (rule.unattached == "read" and not write):
        attached = Q(pk__in=[])
        for link in _links(rule.own + rule.shared):
            attached |= link.set_q()
        matched |= ~Q(pk__in=model._default_manager.filter(attached).values("pk"))
    return matched


def scope_for_staff(
    queryset: QuerySet[ModelT], user: AbstractBaseUser, *, write: bool = False
) -> QuerySet[ModelT]:
    """The part of `queryset` that `user`, a staff member, may see (`write`: may change).

    Returns a queryset of the same model, filtered without changing the order; idempotent.
    """
    condition = scope_q(queryset.model, user, write=write)
    return queryset if condition is None else queryset.filter(condition)


def may_write(obj: models.Model, user: AbstractBaseUser) -> bool:
    """Whether `user` may change `obj` as it is stored (a new record: whether they may make one)."""
    condition = scope_q(type(obj), user, write=True)
    if condition is None:
        return True
    if obj.pk is None:
        return bool(staff_scope(user).own)
    return type(obj)._default_manager.filter(condition, pk=obj.pk).exists()


class ScopeError(ValidationError):
    """A write outside the acting user's organisations."""


def require_writable(obj: models.Model, by: AbstractBaseUser | None) -> None:
    """Refuse (ScopeError) unless `by` may change `obj` as stored now.

    Services call it before a change (on the stored record) and after writing, inside their
    transaction (on the new state: a record may not be moved out of the user's scope). `by`
    None is a job or the loader acting for nobody: allowed.
    """
    if by is None or may_write(obj, by):
        return
    raise ScopeError(
        gettext("“%(record)s” belongs to another organisation: you may only change the records of yours.")
        % {"record": obj},
        code="out_of_scope",
    )


class ScopedAdminMixin(FittingWidgetsMixin, SafeAutocompleteMixin):
    """Routes the rows of an admin or inline, and the choices of its related fields, through the scope."""

    def get_queryset(self, request):
        return scope_for_staff(super().get_queryset(request), request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "queryset" not in kwargs:
            kwargs["queryset"] = self._scoped_choices(db_field, request, kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "queryset" not in kwargs:
            kwargs["queryset"] = self._scoped_choices(db_field, request, kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def _scoped_choices(self, db_field, request, using):
        # The related admin's ordering when it has one, as Django does, then the scope:
        # a value outside it is refused by the form even if typed into the request. The
        # field naming the record's owner (an event's host) offers only the user's own.
        queryset = self.get_field_queryset(using, db_field, request)
        if queryset is None:
            queryset = db_field.remote_field.model._default_manager.using(using)
        rule = rule_for(self.model)
        owner = rule is not None and db_field.name in rule.owner_fields()
        return scope_for_staff(queryset, request.user, write=owner)

    # A value stored outside the user's scope (a partner of another region, named by a system
    # administrator) stays a choice of the record's form: shown in its box, and kept when the
    # record is saved again, instead of being refused or silently dropped. Only the stored
    # values are added (a subquery on the record's own rows: no query of its own).

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None and obj.pk is not None and not staff_scope(request.user).everything:
            _keep_stored_choices(form, self.get_queryset(request).filter(pk=obj.pk))
        return form

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is None or obj.pk is None or staff_scope(request.user).everything:
            return formset
        if hasattr(formset, "fk"):  # an inline of the record's rows
            rows = {formset.fk.name: obj}
        elif hasattr(formset, "ct_field"):  # a generic inline (the citations of a record)
            kind = ContentType.objects.get_for_model(obj, for_concrete_model=formset.for_concrete_model)
            rows = {formset.ct_field.name: kind, formset.ct_fk_field.name: obj.pk}
        else:
            return formset
        # Only the rows the inline shows: a hidden row's values are not the user's to see.
        _keep_stored_choices(formset.form, self.get_queryset(request).filter(**rows))
        return formset

    # Shared records (another organisation's, seen because theirs is named in them) are
    # read-only: the change page shows them as Django shows a record to a viewer. An inline
    # is asked about its parent (`obj`), so the rows of a shared record are read-only too.

    def _writable(self, request, obj) -> bool:
        if obj is None:
            return True
        cache = request.__dict__.setdefault("_scope_writable", {})
        key = (type(obj)._meta.label_lower, obj.pk)
        if key not in cache:
            cache[key] = may_write(obj, request.user)
        return cache[key]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._writable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._writable(request, obj)

    def has_add_permission(self, request, *args):
        # An inline is given the parent; a model admin nothing. A user with no organisation
        # (and not a system administrator) may add no scoped record: it would be nobody's.
        obj = args[0] if args else None
        if not super().has_add_permission(request, *args):
            return False
        if obj is not None:
            return self._writable(request, obj)
        rule = rule_for(self.model)
        return rule is None or rule.unattached == "write" or may_write(self.model(), request.user)


def _keep_stored_choices(form_class: type[forms.BaseForm], rows: QuerySet) -> None:
    """Add to each related field's choices of `form_class` the values `rows` hold in it; not
    to the field naming the owner, which stays the user's own (a write elsewhere is refused)."""
    model = rows.model
    rule = rule_for(model)
    owner_fields = rule.owner_fields() if rule is not None else ()
    for name, form_field in form_class.base_fields.items():
        if not isinstance(form_field, forms.ModelChoiceField) or name in owner_fields:
            continue
        try:
            db_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if not (db_field.many_to_one or db_field.many_to_many or db_field.one_to_one):
            continue
        choices = form_field.queryset
        related = choices.model
        if getattr(db_field.remote_field, "field_name", related._meta.pk.name) != related._meta.pk.name:
            continue
        if choices.query.is_sliced or choices.query.distinct_fields:
            continue
        values = rows.exclude(**{f"{name}__isnull": True}).values(name)
        stored = related._default_manager.filter(pk__in=values)
        form_field.queryset = choices | (stored.distinct() if choices.query.distinct else stored)


def _asks_for_owner(request) -> bool:
    """Whether `request` is the admin's autocomplete asking for the owner field of a scoped model."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name != "autocomplete":
        return False
    try:
        model = apps.get_model(request.GET.get("app_label", ""), request.GET.get("model_name", ""))
    except (LookupError, ValueError):
        return False
    rule = rule_for(model)
    return rule is not None and request.GET.get("field_name") in rule.owner_fields()


class ScopedModelAdmin(
    HistoryAdminMixin,
    AdminLinksMixin,
    RecordsChangedAdminMixin,
    SafeChangeListMixin,
    SpreadsheetAdminMixin,
    FoldedSearchMixin,
    ScopedAdminMixin,
    admin.ModelAdmin,
):
    """The base of every ModelAdmin staff use; its list exports to a spreadsheet (portal/exchange/),
    its history page reads the record's audit trail (portal/audit_admin.py)."""

    def delete_model(self, request, obj):
        from portal.deletion import records_delete

        records_delete(records=self.model._default_manager.filter(pk=obj.pk), by=request.user)

    def delete_queryset(self, request, queryset):
        from portal.deletion import records_delete

        records_delete(records=queryset, by=request.user)

    def get_search_results(self, request, queryset, search_term):
        # Also the answers of autocomplete boxes that point at this admin's model; the box of
        # the field naming a record's owner (an event's host) offers only the user's own, as
        # the form's choices do.
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        return scope_for_staff(queryset, request.user, write=_asks_for_owner(request)), may_have_duplicates


class ScopedTabularInline(SharedLookupsInlineMixin, ScopedAdminMixin, admin.TabularInline):
    """The base of every tabular inline."""


class ScopedStackedInline(SharedLookupsInlineMixin, ScopedAdminMixin, admin.StackedInline):
    """The base of every stacked inline."""


class ScopedRelatedListFilter(admin.RelatedOnlyFieldListFilter):
    """A related list filter offering only the values found in the scoped rows.

    Each value is labelled with str() of the related object, which may follow relations
    (a committee is named after its organisation): the related admin's
    `list_select_related` is applied so that the labels cost no query each.
    """

    def field_choices(self, field, request, model_admin):
        related_model = field.remote_field.model
        rows = model_admin.get_queryset(request).distinct().values_list(f"{self.field_path}__pk", flat=True)
        queryset = related_model._default_manager.filter(pk__in=rows)
        ordering = self.field_admin_ordering(field, request, model_admin)
        if ordering:
            queryset = queryset.order_by(*ordering)
        try:
            select_related = model_admin.admin_site.get_model_admin(related_model).list_select_related
        except NotRegistered:
            select_related = False
        if select_related is True:
            queryset = queryset.select_related()
        elif select_related:
            queryset = queryset.select_related(*select_related)
        return [(obj.pk, str(obj)) for obj in queryset]


# A text field in a row of an inline: a few lines, not the admin's ten.
SHORT_TEXTAREAS = {models.TextField: {"widget": AdminTextareaWidget(attrs={"rows": 2})}}


# The value of a choice naming a row typed in the same form, not saved yet: "new-" and the row's
# index in its formset (static/js/sibling-choices.js adds these choices as the rows are typed).
NEW_ROW_PREFIX = "new-"


class NewRow:
    """A choice naming the row `index` of the sibling formset, to be resolved by the formset."""

    def __init__(self, index: int):
        self.index = index

    def __str__(self):
        return f"{NEW_ROW_PREFIX}{self.index}"


class SiblingChoiceField(forms.ModelChoiceField):
    """A choice among the parent's saved rows, or of a row typed in the same form ("new-2"):
    such a choice is kept in `new_row` and cleans to None until the formset resolves it."""

    new_row: NewRow | None = None

    def to_python(self, value):
        self.new_row = None
        text = str(value or "")
        if text.startswith(NEW_ROW_PREFIX):
            index = text.removeprefix(NEW_ROW_PREFIX)
            if not (index.isascii() and index.isdigit() and len(index) <= 4):
                raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
            self.new_row = NewRow(int(index))
            return None
        return super().to_python(value)


class SiblingSelect(forms.Select):
    """The select of a SiblingChoiceField: names the formset whose new rows it also offers, the
    fields labelling them, and a new row chosen before (a form shown again)."""

    def __init__(self, *, rows: str, label_fields: tuple[str, ...], new_label: str, attrs=None):
        super().__init__(attrs)
        self.rows, self.label_fields, self.new_label = rows, label_fields, new_label

    def get_context(self, name, value, attrs):
        attrs = {
            **(attrs or {}),
            "data-sibling-rows": self.rows,
            "data-sibling-label": " ".join(self.label_fields),
            "data-sibling-new": str(self.new_label),
        }
        if str(value or "").startswith(NEW_ROW_PREFIX):
            attrs["data-sibling-value"] = str(value)
        return super().get_context(name, value, attrs)

    def format_value(self, value):
        if str(value or "").startswith(NEW_ROW_PREFIX):
            return []
        return super().format_value(value)


class SiblingRowsFormSetMixin:
    """Resolves the choices of rows typed in the same form (SiblingChoiceField.new_row) to the
    instances of those rows, which the service saves first; a choice of a row that will not be
    saved (removed, left empty, refused) is an error on the field.

    `sibling_formsets` ({prefix: formset}, all the formsets of the page) is given by the admin
    (SiblingRowsAdminMixin); `sibling_fields` maps a field to the prefix of its rows' formset.
    """

    sibling_formsets: dict = {}
    sibling_fields: dict[str, str] = {}

    def clean(self):
        super().clean()
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            for name, prefix in self.sibling_fields.items():
                field = form.fields.get(name)
                new_row = getattr(field, "new_row", None)
                if new_row is None or name not in getattr(form, "cleaned_data", {}):
                    continue
                row = self._new_row(prefix, new_row.index)
                if row is None:
                    form.add_error(name, NEW_ROW_MISSING)
                else:
                    form.cleaned_data[name] = row.instance
                    setattr(form.instance, name, row.instance)

    def _new_row(self, prefix: str, index: int):
        """The form of row `index` of formset `prefix` if it is a new row that will be saved."""
        formset = self.sibling_formsets.get(prefix)
        if formset is None or index >= len(formset.forms):
            return None
        row = formset.forms[index]
        if row.instance.pk is not None or not row.has_changed() or not row.is_valid():
            return None
        if formset.can_delete and formset._should_delete_form(row):
            return None
        return row


NEW_ROW_MISSING = _(
    "The row chosen here is no longer in the form (removed or left empty): choose again among the rows above."
)


class SiblingRowsAdminMixin:
    """A ModelAdmin whose inlines choose among rows of other inlines typed in the same form
    (SiblingChoicesInlineMixin): each formset is given the others."""

    def _create_formsets(self, request, obj, change):
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        by_prefix = {formset.prefix: formset for formset in formsets}
        for formset in formsets:
            formset.sibling_formsets = by_prefix
        return formsets, inline_instances


class SiblingChoicesInlineMixin:
    """An inline whose foreign keys named in `sibling_choice_fields` offer the rows of the same
    parent (an event's own sites, an agreement's own parties), within the staff scope: those
    saved, and those typed in the same form before it is saved (static/js/sibling-choices.js
    adds them, labelled with the fields named in `sibling_row_labels`; SiblingRowsFormSetMixin
    resolves them on save, the admin being a SiblingRowsAdminMixin).

    `parent_field` names the parent on those rows. Each entry maps a field to (help on a new
    parent, help on a saved one) and optionally the message for a row of another parent,
    shown where Django would say "not one of the available choices".
    """

    parent_field: str = ""
    sibling_choice_fields: dict[str, tuple] = {}
    sibling_row_labels: dict[str, tuple[str, ...]] = {}

    class Media:
        js = ["admin/js/jquery.init.js", "admin/js/inlines.js", "js/sibling-choices.js"]

    def get_formset(self, request, obj=None, **kwargs):
        # Inline instances are made for each request: the parent is known to the field callback.
        self.parent_object = obj if obj is not None and obj.pk is not None else None
        formset = super().get_formset(request, obj, **kwargs)
        fields = {
            name: self._rows_prefix(self.model._meta.get_field(name)) for name in self.sibling_choice_fields
        }
        return type(formset.__name__, (SiblingRowsFormSetMixin, formset), {"sibling_fields": fields})

    def _rows_prefix(self, db_field) -> str:
        """The prefix of the formset of the rows `db_field` points at (Django's default prefix)."""
        rows_model = db_field.remote_field.model
        return rows_model._meta.get_field(self.parent_field).remote_field.get_accessor_name().replace("+", "")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.sibling_choice_fields:
            choices = self._scoped_choices(db_field, request, kwargs.get("using"))
            parent = getattr(self, "parent_object", None)
            choices = choices.filter(**{self.parent_field: parent}) if parent else choices.none()
            kwargs["queryset"] = self.sibling_choices(db_field.name, choices)
            new_help, saved_help, *elsewhere = self.sibling_choice_fields[db_field.name]
            kwargs["help_text"] = saved_help if parent else new_help
            kwargs["form_class"] = SiblingChoiceField
            kwargs["widget"] = SiblingSelect(
                rows=self._rows_prefix(db_field),
                label_fields=self.sibling_row_labels.get(db_field.name, ()),
                new_label=gettext("%(row)s (added in this form)"),
            )
            if elsewhere:
                kwargs["error_messages"] = {"invalid_choice": elsewhere[0]}
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def sibling_choices(self, name: str, queryset):
        """The choices of field `name`, to shape (select_related…) for their labels."""
        return queryset
