"""Public pages of the registry: organisations, people and documents."""

import datetime as dt

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from committees import selectors
from committees.filters import DecisionFilterSet, LegalDocumentFilterSet
from committees.models import LegalDocument, Organization
from portal.cache import public_page
from portal.sources.selectors import citations_of

DOCUMENTS_PER_PAGE = 20
ORGANIZATIONS_PER_PAGE = 60
MEMBERS_PER_PAGE = 50
ORGANIZATION_DECISIONS_SHOWN = 10
# What pages of the registry show: its records, and the events, agreements and news linked to them.
TOPICS = ("committees", "events", "agreements", "news")


@public_page(*TOPICS)
def organization_list(request):
    page = Paginator(selectors.directory_organizations(), ORGANIZATIONS_PER_PAGE).get_page(
        request.GET.get("trang")
    )
    return render(
        request, "committees/organization_list.html", {"organizations": page.object_list, "page": page}
    )


@public_page(*TOPICS)
def organization_detail(request, slug):
    today = timezone.localdate()
    organization = get_object_or_404(selectors.organization_page_queryset(on=today), slug=slug)
    former_names = list(organization.former_names.all())
    return render(
        request,
        "committees/organization_detail.html",
        {
            "organization": organization,
            "former_names": former_names,
            # The day after the last former name ended: when the current name was first used.
            "current_name_since": former_names[0].valid_to + dt.timedelta(days=1) if former_names else None,
            "decisions": selectors.organization_decisions(organization)[:ORGANIZATION_DECISIONS_SHOWN],
            "today": today,
            "cited": citations_of(organization),
        },
    )


@public_page(*TOPICS)
def organization_members(request, slug):
    today = timezone.localdate()
    organization = get_object_or_404(Organization, slug=slug)
    page = Paginator(selectors.committee_members(organization, on=today), MEMBERS_PER_PAGE).get_page(
        request.GET.get("trang")
    )
    return render(
        request,
        "committees/organization_members.html",
        {"organization": organization, "page": page, "members": page.object_list, "today": today},
    )


@public_page(*TOPICS)
def person_detail(request, slug):
    today = timezone.localdate()
    person = get_object_or_404(selectors.person_page_queryset(), slug=slug)
    current_positions, past_positions = selectors.positions_current_and_past(person, on=today)
    return render(
        request,
        "committees/person_detail.html",
        {
            "person": person,
            "current_positions": current_positions,
            "past_positions": past_positions,
            "today": today,
            "cited": citations_of(person, person.positions.all()),
        },
    )


@public_page(*TOPICS)
def document_list(request):
    issuers = selectors.document_issuers()
    decisions = DecisionFilterSet(request.GET, queryset=selectors.decision_list_queryset(), issuers=issuers)
    legal_documents = LegalDocumentFilterSet(
        request.GET, queryset=LegalDocument.objects.all(), issuers=issuers
    )
    # Both FilterSets read the same parameters with the same fields, so they agree on
    # validity; an invalid filter shows its error and no documents rather than a guess.
    if decisions.is_valid():
        index = selectors.document_index(decisions=decisions.qs, legal_documents=legal_documents.qs)
    else:
        index = selectors.document_index(
            decisions=decisions.queryset.none(), legal_documents=legal_documents.queryset.none()
        )
    page = Paginator(index, DOCUMENTS_PER_PAGE).get_page(request.GET.get("trang"))
    return render(
        request,
        "committees/document_list.html",
        {
            "form": decisions.form,
            "page": page,
            "documents": selectors.documents_for_rows(page.object_list),
            "is_filtered": any(request.GET.get(name) for name in decisions.filters),
        },
    )


@public_page(*TOPICS)
def decision_detail(request, slug):
    decision = get_object_or_404(selectors.decision_page_queryset(), slug=slug)
    return render(
        request, "committees/decision_detail.html", {"decision": decision, "cited": citations_of(decision)}
    )


@public_page(*TOPICS)
def legal_document_detail(request, slug):
    document = get_object_or_404(LegalDocument, slug=slug)
    return render(
        request,
        "committees/legal_document_detail.html",
        {"document": document, "cited": citations_of(document)},
    )
