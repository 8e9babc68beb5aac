"""Decisions' and legal documents' spreadsheets."""

import datetime as dt

from django.utils.translation import pgettext_lazy
from import_export.fields import Field

from committees.models import (
    Decision,
    DecisionKind,
    LegalDocument,
    LegalDocumentType,
    Organization,
)
from committees.resources.base import (
    PersonWidget,
    RecordWidget,
    RegistryResource,
    committee_widget,
)
from committees.services import (
    decision_save,
    legal_document_save,
)
from portal.exchange.widgets import (
    ChoiceWidget,
    DateWidget,
    ManyLookupWidget,
    TextWidget,
)


def _document_label(document: LegalDocument) -> str:
    return document.number or document.title


class DecisionResource(RegistryResource):
    """Decisions, known by their number and issuer (by their title when they have no number)."""

    number = Field(
        "number", pgettext_lazy("spreadsheet column", "Number and symbol"), widget=TextWidget(max_length=60)
    )
    issuer_committee = Field(
        "issuer_committee",
        pgettext_lazy("spreadsheet column", "Issuing committee"),
        widget=committee_widget(),
    )
    issuer_organization = Field(
        "issuer_organization",
        pgettext_lazy("spreadsheet column", "Issuing organisation"),
        widget=RecordWidget(Organization, keys=("name",), queryset=lambda: Organization.objects.all()),
    )
    kind = Field(
        "kind", pgettext_lazy("spreadsheet column", "Kind"), widget=ChoiceWidget(DecisionKind.choices)
    )
    title = Field("title", pgettext_lazy("spreadsheet column", "Title"), widget=TextWidget(max_length=500))
    issued_on = Field("issued_on", pgettext_lazy("spreadsheet column", "Date issued"), widget=DateWidget())
    signer = Field("signer", pgettext_lazy("spreadsheet column", "Signed by"), widget=PersonWidget())
    summary = Field(
        "summary", pgettext_lazy("spreadsheet column", "Summary"), widget=TextWidget(one_line=False)
    )
    legal_documents = Field(
        "legal_documents",
        pgettext_lazy("spreadsheet column", "Documents cited"),
        widget=ManyLookupWidget(LegalDocument, keys=("number",), label=_document_label),
    )

    natural_key = ("number", "issuer_committee", "issuer_organization", "title")

    class Meta:
        model = Decision
        fields = (
            "number",
            "issuer_committee",
            "issuer_organization",
            "kind",
            "title",
            "issued_on",
            "signer",
            "summary",
            "legal_documents",
        )

    def normalize_key(self, key):
        return key[:3] + (None,) if key[0] else key

    def get_queryset(self):
        return Decision.objects.prefetch_related("legal_documents")

    def export_queryset(self, queryset):
        return queryset.select_related(
            "issuer_committee__organization", "issuer_organization", "signer"
        ).prefetch_related("legal_documents")

    def save_service(self, instance, *, changed, by):
        decision_save(
            decision=instance,
            legal_documents=self.many_to_many(instance).get("legal_documents"),
            changed=changed,
            by=by,
        )

    def template_rows(self):
        return [
            self.example(
                {
                    "number": "12-QĐ/BCĐ35",
                    "issuer_organization": "Học viện Chính trị khu vực II",
                    "kind": str(DecisionKind.FOUND_TEAM.label),
                    "title": "Quyết định thành lập Tổ thư ký Ban Chỉ đạo 35",
                    "issued_on": dt.date(2021, 9, 15),
                    "legal_documents": "35-NQ/TW",
                }
            )
        ]


class LegalDocumentResource(RegistryResource):
    """Party and State documents, known by their number (by their title when they have none)."""

    number = Field(
        "number", pgettext_lazy("spreadsheet column", "Number and symbol"), widget=TextWidget(max_length=60)
    )
    doc_type = Field(
        "doc_type",
        pgettext_lazy("spreadsheet column", "Type"),
        widget=ChoiceWidget(LegalDocumentType.choices),
    )
    issued_on = Field("issued_on", pgettext_lazy("spreadsheet column", "Date issued"), widget=DateWidget())
    issuer = Field(
        "issuer", pgettext_lazy("spreadsheet column", "Issuing body"), widget=TextWidget(max_length=160)
    )
    term = Field("term", pgettext_lazy("spreadsheet column", "Term"), widget=TextWidget(max_length=40))
    title = Field("title", pgettext_lazy("spreadsheet column", "Title"), widget=TextWidget(max_length=500))
    abstract = Field(
        "abstract", pgettext_lazy("spreadsheet column", "Abstract"), widget=TextWidget(one_line=False)
    )
    source_url = Field(
        "source_url",
        pgettext_lazy("spreadsheet column", "Official source"),
        widget=TextWidget(max_length=200),
    )

    natural_key = ("number", "title")

    class Meta:
        model = LegalDocument
        fields = ("number", "doc_type", "issued_on", "issuer", "term", "title", "abstract", "source_url")

    def normalize_key(self, key):
        return (key[0], None) if key[0] else key

    def save_service(self, instance, *, changed, by):
        legal_document_save(document=instance, changed=changed, by=by)

    def template_rows(self):
        return [
            self.example(
                {
                    "number": "35-NQ/TW",
                    "doc_type": str(LegalDocumentType.RESOLUTION.label),
                    "issued_on": dt.date(2018, 10, 22),
                    "issuer": "Bộ Chính trị",
                    "term": "khóa XII",
                    "title": "Về tăng cường bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các "
                    "quan điểm sai trái, thù địch trong tình hình mới",
                }
            )
        ]
