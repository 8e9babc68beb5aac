"""Reads of agreements, split along their readers: the staff dashboard and the admin's list
filters (`dashboard`), the public pages (`public`) and what the lower apps' pages show of
agreements (`panels`). Everything is re-exported here: `from agreements import selectors`
then `selectors.reviews_due(...)` reads the same whichever module holds it.
"""

from agreements.selectors.dashboard import (
    EXPIRY_HORIZON_DAYS,
    REVIEW_HORIZON_DAYS,
    UNSENT_NOTICES_CACHE_KEY,
    UNSENT_NOTICES_LISTED,
    DashboardFigures,
    RegionCount,
    agreements_active,
    agreements_ended,
    agreements_expiring,
    agreements_with_party_count,
    dashboard_figures,
    notices_unsent,
    reviews_due,
    tasks_overdue,
)
from agreements.selectors.panels import event_agreements, legal_document_agreements, organization_agreements
from agreements.selectors.public import (
    CHAIN_LIMIT,
    TaskProgress,
    agreement_chain,
    agreement_filter_parties,
    agreement_filter_regions,
    agreement_list_queryset,
    agreement_page_complete,
    agreement_page_queryset,
    agreements_in_force_and_past,
    agreements_in_region,
    agreements_with_party,
    public_agreements,
    task_progress,
)

__all__ = [
    "CHAIN_LIMIT",
    "EXPIRY_HORIZON_DAYS",
    "REVIEW_HORIZON_DAYS",
    "UNSENT_NOTICES_CACHE_KEY",
    "UNSENT_NOTICES_LISTED",
    "DashboardFigures",
    "RegionCount",
    "TaskProgress",
    "agreement_chain",
    "agreement_filter_parties",
    "agreement_filter_regions",
    "agreement_list_queryset",
    "agreement_page_complete",
    "agreement_page_queryset",
    "agreements_active",
    "agreements_ended",
    "agreements_expiring",
    "agreements_in_force_and_past",
    "agreements_in_region",
    "agreements_with_party",
    "agreements_with_party_count",
    "dashboard_figures",
    "event_agreements",
    "notices_unsent",
    "legal_document_agreements",
    "organization_agreements",
    "public_agreements",
    "reviews_due",
    "task_progress",
    "tasks_overdue",
]
