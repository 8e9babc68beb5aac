"""The registry's spreadsheets: organisations, people, positions, decisions and legal documents.

Every related record is written by a name a secretariat knows, never by an id: an
organisation by its name, a steering committee or team by its full name, a legal document by
its number, a person by their name, or by their code ("Mã", the slug of their page) when two
people share the name. Rows are written by the services of `committees.services`; people in
bulk (`people_import`), as a file of them may hold tens of thousands.
"""

from committees.resources.documents import DecisionResource, LegalDocumentResource
from committees.resources.organizations import OrganizationResource
from committees.resources.people import PersonResource, PositionResource

__all__ = [
    "DecisionResource",
    "LegalDocumentResource",
    "OrganizationResource",
    "PersonResource",
    "PositionResource",
]
