"""What a summary holds: its snapshot (the figures, series, highlights and report sections) and its
rows (every listed record, sheet by sheet), built from the records of a scope for a period:
`builder.py` builds them, `labels.py` names periods, titles and choices in Vietnamese.

The contract is /work/notes/snapshot.md (version 1).
"""

from reports.summaries.builder import HIGHLIGHTS, SNAPSHOT_VERSION, Row, SummaryBuilder, build_snapshot
from reports.summaries.labels import period_label, summary_title

__all__ = [
    "HIGHLIGHTS",
    "SNAPSHOT_VERSION",
    "Row",
    "SummaryBuilder",
    "build_snapshot",
    "period_label",
    "summary_title",
]
