"""The agreements admin: one screen per agreement, its lifecycle, and the staff dashboard.

Every admin and inline is built on `portal.scoping`; rules spanning several rows are
checked by the formsets of `agreements.forms`, so a refused form saves nothing.
"""

from agreements.admin.agreements import AgreementAdmin
from agreements.admin.lists import MilestoneAdmin, TaskAdmin

__all__ = ["AgreementAdmin", "MilestoneAdmin", "TaskAdmin"]
