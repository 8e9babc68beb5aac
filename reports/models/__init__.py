from reports.models.periods import PeriodKind
from reports.models.reports import (
    Report,
    ReportAttachment,
    ReportItem,
    ReportKind,
    ReportStatus,
    SectionKind,
)
from reports.models.summaries import (
    ScopeKind,
    Summary,
    SummaryJob,
    SummaryJobStatus,
    SummaryRow,
    SummarySheet,
)

__all__ = [
    "PeriodKind",
    "Report",
    "ReportAttachment",
    "ReportItem",
    "ReportKind",
    "ReportStatus",
    "ScopeKind",
    "SectionKind",
    "Summary",
    "SummaryJob",
    "SummaryJobStatus",
    "SummaryRow",
    "SummarySheet",
]
