"""Public pages of the registry: organisations, people and documents."""

import datetime as dt

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from committees import selectors
from committees.filters import DecisionFilterSet, LegalDocumentFilterSet
from committees.forms import PeopleFilterForm
from committees.models import LegalDocument, Organization
from portal.cache import public_page
from portal.lib.search import query_words
from portal.sources.selectors import citations_of

DOCUMENTS_PER_PAGE = 20
ORGANIZATIONS_PER_PAGE = 60
MEMBERS_PER_PAGE = 50
PEOPLE_PER_PAGE = 30
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
    members = selectors.committee_members(organization, on=today)
    page = Paginator(members, MEMBERS_PER_PAGE).get_page(request.GET.get("trang"))
    return render(
        request,
        "committees/organization_members.html",
        {
            "organization": organization,
            "page": page,
            "members": page.object_list,
            "today": today,
            "as_of": selectors.members_facts_as_of(members, today=today),
        },
    )


@public_page(*TOPICS)
def person_list(request):
    """The people index: everyone recorded, by name and organisation, with today's title line."""
    form = PeopleFilterForm(request.GET or None, organizations=selectors.people_index_organizations())
    words: list[str] = []
    organization = None
    if form.is_valid():
        words = query_words(form.cleaned_data["q"])
        if form.cleaned_data["to_chuc"]:
            organization = get_object_or_404(Organization, slug=form.cleaned_data["to_chuc"])
    # An invalid filter shows its error and nobody rather than a guess.
    people = selectors.people_index(words=words, organization=organization)
    if form.errors:
        people = people.none()
    page = Paginator(people, PEOPLE_PER_PAGE).get_page(request.GET.get("trang"))
    return render(
        request,
        "committees/person_list.html",
        {
            "form": form,
            "page": page,
            "people": page.object_list,
            "words": words,
            "is_filtered": any(request.GET.get(name) for name in form.fields),
            "today": timezone.localdate(),
        },
    )


@public_page(*TOPICS)
def role_detail(request, organization_slug, role_slug):
    """A role of an organisation ("Trưởng Ban Chỉ đạo 35 Học viện …") and everyone who held it."""
    today = timezone.localdate()
    organization = get_object_or_404(
        Organization.objects.prefetch_related("former_names"), slug=organization_slug
    )
    holders = selectors.role_holders(organization, role_slug, on=today)
    if not holders.positions:
        raise Http404
    first = holders.positions[0]
    return render(
        request,
        "committees/role_detail.html",
        {
            "organization": organization,
            "holders": holders,
            "role": f"{selectors.role_phrase(first)} {organization.name}",
            "today": today,
        },
    )


@public_page(*TOPICS)
def person_detail(request, slug):
    today = timezone.localdate()
    person = get_object_or_404(selectors.person_page_queryset(), slug=slug)
    positions = selectors.person_positions(person, on=today)
    return render(
        request,
        "committees/person_detail.html",
        {
            "person": person,
            "line": selectors.person_line_now(person, today=today),
            "current_positions": positions.current,
            "reported_positions": positions.reported,
            "past_positions": positions.past,
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
        {
            "document": document,
            "decisions": selectors.legal_document_decisions(document),
            "cited": citations_of(document),
        },
    )
