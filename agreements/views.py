"""Public pages of agreements: the list of coordination agreements and an agreement's page."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from agreements import selectors
from agreements.filters import AgreementFilterSet
from portal.cache import public_page
from portal.sources.selectors import citations_of

AGREEMENTS_PER_PAGE = 20
# What the agreements' pages show: agreements, the parties' names, the events, the news.
TOPICS = ("agreements", "committees", "events", "news")


@public_page(*TOPICS)
def agreement_list(request):
    filterset = AgreementFilterSet(
        request.GET,
        queryset=selectors.agreement_list_queryset(),
        regions=selectors.agreement_filter_regions(),
        parties=selectors.agreement_filter_parties(),
    )
    # An invalid filter shows its error and no agreements rather than a guess (as the events do).
    agreements = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    page = Paginator(agreements, AGREEMENTS_PER_PAGE).get_page(request.GET.get("trang"))
    in_force, past = selectors.agreements_in_force_and_past(page.object_list)
    return render(
        request,
        "agreements/agreement_list.html",
        {
            "form": filterset.form,
            "page": page,
            "in_force": in_force,
            "past": past,
            "is_filtered": any(request.GET.get(name) for name in filterset.filters),
        },
    )


@public_page(*TOPICS)
def agreement_detail(request, slug):
    agreement = get_object_or_404(selectors.agreement_page_queryset(), slug=slug)
    selectors.agreement_page_complete(agreement)
    cited = citations_of(agreement, agreement.task_list)
    return render(request, "agreements/agreement_detail.html", {"agreement": agreement, "cited": cited})
