from committees.models.committees import SteeringCommittee, Team, TeamKind
from committees.models.documents import Decision, DecisionKind, LegalDocument, LegalDocumentType
from committees.models.geography import Province, ProvinceKind, Region
from committees.models.organizations import (
    Organization,
    OrganizationChange,
    OrganizationChangeKind,
    OrganizationKind,
    OrganizationName,
)
from committees.models.people import AcademicTitle, Degree, Honorific, Person, Position, Role
from committees.models.staff import StaffMembership

__all__ = [
    "AcademicTitle",
    "Degree",
    "Honorific",
    "Decision",
    "DecisionKind",
    "LegalDocument",
    "LegalDocumentType",
    "Organization",
    "OrganizationChange",
    "OrganizationChangeKind",
    "OrganizationKind",
    "OrganizationName",
    "Person",
    "Position",
    "Province",
    "ProvinceKind",
    "Region",
    "StaffMembership",
    "Role",
    "SteeringCommittee",
    "Team",
    "TeamKind",
]
