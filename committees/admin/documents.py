"""Decisions and legal documents."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from committees.forms import DecisionForm, LegalDocumentForm
from committees.models import Decision, LegalDocument
from committees.services import decision_save, legal_document_save
from portal.history import logged_by_admin
from portal.scoping import ScopedModelAdmin, ScopedRelatedListFilter
from portal.sources.admin import CitedAdminMixin


@admin.register(Decision)
class DecisionAdmin(CitedAdminMixin, ScopedModelAdmin):
    form = DecisionForm
    fieldsets = [
        (None, {"fields": ("number", "issued_on", "kind", "title", "slug")}),
        (
            _("Issued by"),
            {
                "fields": ("issuer_committee", "issuer_organization", "signer"),
                "description": _("Choose the issuing committee or the issuing organisation, not both."),
            },
        ),
        (_("Content"), {"fields": ("summary", "legal_documents", "file")}),
    ]
    list_display = ("number", "title", "issuer", "issued_on", "kind")
    list_display_links = ("number", "title")
    list_filter = (
        "kind",
        ("issuer_committee", ScopedRelatedListFilter),
        ("issuer_organization", ScopedRelatedListFilter),
    )
    list_select_related = ("issuer_committee__organization", "issuer_organization")
    date_hierarchy = "issued_on"
    search_fields = ("number", "title")
    autocomplete_fields = ("issuer_committee", "issuer_organization", "signer", "legal_documents")
    ordering = ("-issued_on", "-pk")

    def save_model(self, request, obj, form, change):
        # Written by the service as the user (scope checks, save, audit trail, pages rebuilt);
        # the admin's own message of the fields changed is the log entry.
        with logged_by_admin():
            decision_save(decision=obj, by=request.user)  # the documents cited: save_related

    @admin.display(description=_("issued by"))
    def issuer(self, decision: Decision) -> str:
        return str(decision.issuer or "")


@admin.register(LegalDocument)
class LegalDocumentAdmin(CitedAdminMixin, ScopedModelAdmin):
    form = LegalDocumentForm
    list_display = ("number", "doc_type", "title", "issued_on", "issuer", "term")
    list_display_links = ("number", "title")
    list_filter = ("doc_type", "issuer")
    date_hierarchy = "issued_on"
    search_fields = ("number", "title", "issuer")
    ordering = ("-issued_on", "number")

    def save_model(self, request, obj, form, change):
        # Written by the service as the user (scope checks, save, audit trail, pages rebuilt);
        # the admin's own message of the fields changed is the log entry.
        with logged_by_admin():
            legal_document_save(document=obj, by=request.user)
