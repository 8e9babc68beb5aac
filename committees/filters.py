"""Filters of the documents section ("Văn bản"): decisions and legal documents in one list.

The two models differ (a decision's issuer is an organisation or its committee, a legal
document's is written text; their kinds are different enumerations), so each has its own
FilterSet, and both share one vocabulary of parameters — `co_quan` (issuer), `loai`
(kind) and `nam` (year) — and the same choices. The view binds both to the same GET data,
shows the decisions' form (the two forms are identical) and merges the two filtered
querysets into one paginated list (`selectors.document_index`).

Kind values name the model first: "qd" all decisions, "qd-commend" one kind of decision,
"vk" all legal documents, "vk-resolution" one type of legal document.
"""

from collections.abc import Sequence

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from committees.models import Decision, DecisionKind, LegalDocument, LegalDocumentType
from committees.selectors import DocumentIssuer

DECISIONS = "qd"
LEGAL_DOCUMENTS = "vk"

KIND_CHOICES = [
    (
        _("Decisions of the steering committees"),
        [
            (DECISIONS, _("All decisions")),
            *[(f"{DECISIONS}-{value}", label) for value, label in DecisionKind.choices],
        ],
    ),
    (
        _("Party and State documents"),
        [
            (LEGAL_DOCUMENTS, _("All Party and State documents")),
            *[(f"{LEGAL_DOCUMENTS}-{value}", label) for value, label in LegalDocumentType.choices],
        ],
    ),
]

YEAR_ERROR = _("Enter the year as four digits, for example 2025.")


class YearFilter(django_filters.NumberFilter):
    """The year a document was issued: a whole number, with a message readers understand."""

    field_class = forms.IntegerField

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1900)
        kwargs.setdefault("max_value", 2100)
        kwargs.setdefault(
            "error_messages", {"invalid": YEAR_ERROR, "min_value": YEAR_ERROR, "max_value": YEAR_ERROR}
        )
        super().__init__(field_name="issued_on", lookup_expr="year", **kwargs)


class DocumentFilterSet(django_filters.FilterSet):
    """What both document FilterSets share; subclasses say how issuer and kind apply to their model."""

    model_code: str  # the kind values' prefix that selects this model: "qd" or "vk"
    kind_field: str  # the model field the part after the prefix filters: "kind" or "doc_type"

    co_quan = django_filters.ChoiceFilter(
        label=_("Issuer"),
        empty_label=_("All issuers"),
        method="filter_issuer",
        error_messages={"invalid_choice": _("Choose an issuer from the list.")},
    )
    loai = django_filters.ChoiceFilter(
        label=_("Kind"),
        empty_label=_("All kinds"),
        choices=KIND_CHOICES,
        method="filter_kind",
        error_messages={"invalid_choice": _("Choose a kind from the list.")},
    )
    nam = YearFilter(label=_("Year"), widget=forms.NumberInput(attrs={"inputmode": "numeric"}))

    def __init__(self, data=None, queryset=None, *, issuers: Sequence[DocumentIssuer], **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.issuers = {issuer.slug: issuer for issuer in issuers}
        organizations = [(i.slug, i.name) for i in issuers if i.is_organization]
        others = [(i.slug, i.name) for i in issuers if not i.is_organization]
        self.filters["co_quan"].extra["choices"] = [
            group
            for group in [
                (_("Organisations of the system"), organizations),
                (_("Other issuing bodies"), others),
            ]
            if group[1]
        ]

    def filter_kind(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        code, _dash, kind = value.partition("-")
        if code != self.model_code:
            return queryset.none()
        return queryset.filter(**{self.kind_field: kind}) if kind else queryset

    def filter_issuer(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        raise NotImplementedError


class DecisionFilterSet(DocumentFilterSet):
    model_code = DECISIONS
    kind_field = "kind"

    class Meta:
        model = Decision
        fields: list[str] = []

    def filter_issuer(self, queryset, name, value):
        if not self.issuers[value].is_organization:
            return queryset.none()
        return queryset.filter(
            Q(issuer_organization__slug=value) | Q(issuer_committee__organization__slug=value)
        )


class LegalDocumentFilterSet(DocumentFilterSet):
    model_code = LEGAL_DOCUMENTS
    kind_field = "doc_type"

    class Meta:
        model = LegalDocument
        fields: list[str] = []

    def filter_issuer(self, queryset, name, value):
        return queryset.filter(issuer__in=self.issuers[value].legal_issuers)
