from agreements.models.agreements import (
    Agreement,
    AgreementKind,
    AgreementParty,
    AgreementStatus,
    PartyRole,
    StatusChange,
)
from agreements.models.commitments import Direction, Task, TaskOrigin, TaskStatus, TaskStatusChange
from agreements.models.reviews import UNSENT_STATUSES, Milestone, MilestoneKind, Notice, NoticeStatus

__all__ = [
    "Agreement",
    "AgreementKind",
    "AgreementParty",
    "AgreementStatus",
    "Direction",
    "Milestone",
    "MilestoneKind",
    "Notice",
    "NoticeStatus",
    "PartyRole",
    "StatusChange",
    "Task",
    "TaskOrigin",
    "TaskStatus",
    "TaskStatusChange",
    "UNSENT_STATUSES",
]
