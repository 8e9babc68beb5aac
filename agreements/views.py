"""Public pages of agreements: the list of coordination agreements and an agreement's page."""

from django.shortcuts import get_object_or_404, render

from agreements import selectors
from agreements.filters import AgreementFilterSet


def agreement_list(request):
    filterset = AgreementFilterSet(
        request.GET,
        queryset=selectors.agreement_list_queryset(),
        regions=selectors.agreement_filter_regions(),
    )
    # An invalid filter shows its error and no agreements rather than a guess (as the events do).
    agreements = list(filterset.qs) if filterset.is_valid() else []
    in_force, past = selectors.agreements_in_force_and_past(agreements)
    return render(
        request,
        "agreements/agreement_list.html",
        {
            "form": filterset.form,
            "in_force": in_force,
            "past": past,
            "is_filtered": any(request.GET.get(name) for name in filterset.filters),
        },
    )


def agreement_detail(request, slug):
    agreement = get_object_or_404(selectors.agreement_page_queryset(), slug=slug)
    selectors.agreement_page_complete(agreement)
    return render(request, "agreements/agreement_detail.html", {"agreement": agreement})
