"""The admin of reports and summaries, one module per subject."""

from reports.admin import dashboard, reports, summaries  # noqa: F401 - registers the admins
