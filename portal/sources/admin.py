"""The admin of sources and citations, and the pieces every record's admin uses to cite.

- `CitedAdminMixin` (first base of a record's ModelAdmin): the record's change form (not its add
  form: a record is cited once it exists) ends with
  its "Sources" (`CitationInline`: a source chosen by autocomplete, a note, an order), written
  through `citations_write` after the record, also where a service writes the record and its
  other rows (`ServiceWritesAdminMixin`).
- `CitedRowsInlineMixin` (first base of an inline of rows edited only with their parent: a
  speech, a task, a report item): each saved row shows how many sources it cites, linked to
  them in the citations list, and a link adding one with the row already chosen.
- `CitationAdmin`: every citation, filtered by kind of record; its form chooses the record by
  kind and number (what the rows' links fill in).
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.admin import GenericTabularInline
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.forms import BaseGenericInlineFormSet
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from portal.admin import SharedLookupsInlineMixin
from portal.scoping import ScopedAdminMixin, ScopedModelAdmin
from portal.services import Row, Rows
from portal.sources.models import Citation, Source
from portal.sources.services import citation_remove, citations_write, source_save


def citable_types() -> list[ContentType]:
    """The kinds of record that cite sources: the models with `citations = citations_relation()`."""
    from django.apps import apps

    models = [
        model
        for model in apps.get_models()
        if any(
            isinstance(field, GenericRelation) and field.related_model is Citation
            for field in model._meta.private_fields
        )
    ]
    return list(ContentType.objects.get_for_models(*models, for_concrete_models=True).values())


# --- On the records' change forms -----------------------------------------------------------------


class CitationFormSet(BaseGenericInlineFormSet):
    def clean(self):
        super().clean()
        # The rows' record is not a field of their forms: the formset checks that each source
        # is cited once for it (the constraint sources_citation_once).
        sources = [
            form.cleaned_data["source"]
            for form in self.forms
            if form.cleaned_data.get("source") is not None and not self._should_delete_form(form)
        ]
        if len(sources) != len(set(sources)):
            raise ValidationError(gettext("A source is cited once for a record: remove the repeated row."))


class CitationInline(SharedLookupsInlineMixin, ScopedAdminMixin, GenericTabularInline):
    model = Citation
    formset = CitationFormSet
    ct_field = "subject_type"
    ct_fk_field = "subject_id"
    fields = ("source", "note", "order")
    autocomplete_fields = ("source",)
    extra = 0
    verbose_name = _("source")
    verbose_name_plural = _("Sources")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "note" and field is not None:
            field.widget.attrs["size"] = 40  # the row fits a laptop's screen
        return field


def citation_rows(formset) -> Rows[Citation]:
    """The citations a valid inline formset of `CitationInline` adds, changes and deletes."""
    deleted = formset.deleted_forms if formset.can_delete else []
    kept = [form for form in formset.forms if form.is_valid() and form not in deleted]
    return Rows(
        Citation,
        "subject",
        save=[Row(form.instance, changed=list(form.changed_data)) for form in kept if form.has_changed()],
        delete=[form.instance for form in deleted if form.instance.pk is not None],
    )


class CitedAdminMixin:
    """A record's admin whose change form lists the record's sources (see the module)."""

    def get_inlines(self, request, obj):
        # On the change form only: sources are cited for a record that exists (the add form
        # stays the record's own, as its users enter it in one go).
        inlines = super().get_inlines(request, obj)
        return [*inlines, CitationInline] if obj is not None else inlines

    def save_related(self, request, form, formsets, change):
        citations = [formset for formset in formsets if formset.model is Citation]
        others = [formset for formset in formsets if formset.model is not Citation]
        super().save_related(request, form, others, change)
        for formset in citations:
            rows = citation_rows(formset)
            # What Django's formset.save() leaves for the change message of the history.
            formset.new_objects = [row.instance for row in rows.save if row.instance.pk is None]
            formset.changed_objects = [(row.instance, row.changed) for row in rows.save if row.instance.pk]
            formset.deleted_objects = rows.delete
            citations_write(subject=form.instance, rows=rows, by=request.user)


class CitedRowsInlineMixin:
    """An inline whose saved rows each show their sources, linked (see the module)."""

    def get_queryset(self, request):
        subject_type = ContentType.objects.get_for_model(self.model, for_concrete_model=True)
        counts = (
            Citation.objects.filter(subject_type=subject_type, subject_id=OuterRef("pk"))
            .order_by()
            .values("subject_type")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return (
            super()
            .get_queryset(request)
            .annotate(citation_count=Coalesce(Subquery(counts, output_field=IntegerField()), 0))
        )

    def get_fields(self, request, obj=None):
        return [*super().get_fields(request, obj), "row_sources"]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "row_sources"]

    @admin.display(description=_("Sources"))
    def row_sources(self, row) -> str:
        if row is None or row.pk is None:
            return gettext("Sources can be added once this row is saved.")
        subject_type = ContentType.objects.get_for_model(row, for_concrete_model=True)
        subject = {"subject_type": subject_type.pk, "subject_id": row.pk}
        parts = []
        count = getattr(row, "citation_count", None)
        if count is None:
            count = Citation.objects.filter(subject_type=subject_type, subject_id=row.pk).count()
        changelist = reverse("admin:sources_citation_changelist", current_app=self.admin_site.name)
        filtered = {"subject_type__id__exact": subject_type.pk, "subject_id": row.pk}
        parts.append(
            format_html(
                '<a href="{}?{}">{}</a>',
                changelist,
                urlencode(filtered),
                ngettext("%(count)d source", "%(count)d sources", count) % {"count": count},
            )
        )
        add = reverse("admin:sources_citation_add", current_app=self.admin_site.name)
        parts.append(format_html('<a href="{}?{}">{}</a>', add, urlencode(subject), gettext("Add a source")))
        return format_html("{} · {}", *parts)


# --- Sources --------------------------------------------------------------------------------------


@admin.register(Source)
class SourceAdmin(ScopedModelAdmin):
    list_display = ("title", "kind", "publisher", "published", "cited")
    list_filter = ("kind",)
    search_fields = ("title", "publisher", "url")
    fields = ("kind", "title", "url", "published_on", "publisher", "record_link")
    readonly_fields = ("record_link",)
    ordering = ("-published_on", "title")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "url":
            kwargs["assume_scheme"] = "https"  # an address typed without its scheme
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(citation_count=Count("citations"))

    @admin.display(description=_("date"), ordering="published_on")
    def published(self, source: Source) -> str | None:
        return date_format(source.published_on, "SHORT_DATE_FORMAT") if source.published_on else None

    @admin.display(description=_("cited for"), ordering="citation_count")
    def cited(self, source: Source) -> str:
        url = reverse("admin:sources_citation_changelist", current_app=self.admin_site.name)
        label = ngettext("%(count)d record", "%(count)d records", source.citation_count) % {
            "count": source.citation_count
        }
        return format_html('<a href="{}?{}">{}</a>', url, urlencode({"source__id__exact": source.pk}), label)

    @admin.display(description=_("record of the portal"))
    def record_link(self, source: Source) -> str:
        record = source.record if source.record_id is not None else None
        if record is None:
            return gettext("None: “Use as a source” on a published article of the portal makes its source.")
        opts = record._meta
        url = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change",
            args=[quote(record.pk)],
            current_app=self.admin_site.name,
        )
        return format_html('<a href="{}">{}</a>', url, record)

    def save_model(self, request, obj, form, change):
        source_save(source=obj, by=request.user)


# --- Citations ------------------------------------------------------------------------------------


class CitationForm(forms.ModelForm):
    class Meta:
        model = Citation
        fields = ("subject_type", "subject_id", "source", "note", "order")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The record a row's link chose (or the one cited), named under its number.
        record = self._record(self.initial.get("subject_type"), self.initial.get("subject_id"))
        if record is not None and "subject_id" in self.fields:
            self.fields["subject_id"].help_text = str(record)

    @staticmethod
    def _record(subject_type, subject_id):
        try:
            content_type = ContentType.objects.get_for_id(int(subject_type))
            model = content_type.model_class()
            return model._default_manager.filter(pk=int(subject_id)).first() if model else None
        except (TypeError, ValueError, OverflowError, ContentType.DoesNotExist):
            return None

    def clean(self):
        cleaned = super().clean()
        subject_type, subject_id = cleaned.get("subject_type"), cleaned.get("subject_id")
        if subject_type is not None and subject_id is not None:
            model = subject_type.model_class()
            if model is None or not model._default_manager.filter(pk=subject_id).exists():
                raise ValidationError(
                    {"subject_id": gettext("No %(kind)s has this number.") % {"kind": subject_type.name}}
                )
        return cleaned


@admin.register(Citation)
class CitationAdmin(ScopedModelAdmin):
    """Every citation; where a record is edited only within its parent's form (a speech, a task, a
    report item), its rows link here to add and list its sources."""

    form = CitationForm
    list_display = ("source", "subject_type", "subject_link", "note")
    list_filter = ("subject_type", "source__kind")
    search_fields = ("source__title", "note")
    autocomplete_fields = ("source",)
    list_select_related = ("source", "subject_type")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("subject")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "subject_type":
            kwargs["queryset"] = ContentType.objects.filter(pk__in=[t.pk for t in citable_types()])
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("record"))
    def subject_link(self, citation: Citation) -> str:
        subject = citation.subject
        if subject is None:
            return gettext("(deleted)")
        opts = subject._meta
        try:
            url = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change",
                args=[quote(subject.pk)],
                current_app=self.admin_site.name,
            )
        except NoReverseMatch:  # a record edited only within its parent's form has no page
            return str(subject)
        return format_html('<a href="{}">{}</a>', url, subject)

    def save_model(self, request, obj, form, change):
        citations_write(subject=obj.subject, rows=Rows(Citation, "subject", save=[Row(obj)]), by=request.user)

    def delete_model(self, request, obj):
        citation_remove(citation=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for citation in queryset:
            citation_remove(citation=citation, by=request.user)
