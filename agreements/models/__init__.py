from agreements.models.agreements import (
    Agreement,
    AgreementKind,
    AgreementParty,
    AgreementStatus,
    PartyRole,
    StatusChange,
)
from agreements.models.commitments import Direction, Task, TaskOrigin, TaskStatus, TaskStatusChange
from agreements.models.reviews import Milestone, MilestoneKind, Notice

__all__ = [
    "Agreement",
    "AgreementKind",
    "AgreementParty",
    "AgreementStatus",
    "Direction",
    "Milestone",
    "MilestoneKind",
    "Notice",
    "PartyRole",
    "StatusChange",
    "Task",
    "TaskOrigin",
    "TaskStatus",
    "TaskStatusChange",
]
