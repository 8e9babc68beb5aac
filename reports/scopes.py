"""Whose records a summary or an indicator counts: one organisation (with or without the
organisations under it), a region, or the whole system."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from committees.models import Organization, Region
from reports.models import ScopeKind


@dataclass(frozen=True)
class Scope:
    kind: str
    organization_id: int | None = None
    region_id: int | None = None
    include_children: bool = True

    @classmethod
    def system(cls) -> "Scope":
        return cls(ScopeKind.SYSTEM)

    @classmethod
    def of_organization(cls, organization: Organization | int, *, include_children: bool = True) -> "Scope":
        return cls(
            ScopeKind.ORGANIZATION,
            organization_id=organization.pk if isinstance(organization, Organization) else organization,
            include_children=include_children,
        )

    @classmethod
    def of_region(cls, region: Region | int) -> "Scope":
        return cls(ScopeKind.REGION, region_id=region.pk if isinstance(region, Region) else region)

    @classmethod
    def of_record(cls, record: Any) -> "Scope":
        """The scope a Summary or SummaryJob row names."""
        return cls(record.scope_kind, record.organization_id, record.region_id, record.include_children)

    @property
    def key(self) -> str:
        """A short stable name: "system", "region:3", "org:12" or "org:12:alone"."""
        if self.kind == ScopeKind.SYSTEM:
            return "system"
        if self.kind == ScopeKind.REGION:
            return f"region:{self.region_id}"
        return f"org:{self.organization_id}" + ("" if self.include_children else ":alone")

    def as_fields(self) -> dict:
        """The ScopeFields values of a Summary or SummaryJob for this scope."""
        return {
            "scope_kind": self.kind,
            "organization_id": self.organization_id,
            "region_id": self.region_id,
            "include_children": self.include_children if self.kind == ScopeKind.ORGANIZATION else True,
        }

    def organization_ids(self) -> frozenset[int] | None:
        """The organisations whose records count; None for the whole system (every record counts).

        One query: the organisation tree is read once and walked in memory.
        """
        if self.kind == ScopeKind.SYSTEM:
            return None
        rows = list(Organization.objects.values_list("pk", "parent_id", "region_id"))
        if self.kind == ScopeKind.REGION:
            roots = {pk for pk, _parent, region in rows if region == self.region_id}
        else:
            roots = {pk for pk, _parent, _region in rows if pk == self.organization_id}
            if not self.include_children:
                return frozenset(roots)
        children: dict[int, list[int]] = {}
        for pk, parent, _region in rows:
            if parent is not None:
                children.setdefault(parent, []).append(pk)
        found, stack = set(roots), list(roots)
        while stack:
            for child in children.get(stack.pop(), ()):
                if child not in found:
                    found.add(child)
                    stack.append(child)
        return frozenset(found)

    def filter(self, field: str, organization_ids: frozenset[int] | None) -> Q:
        """A Q matching rows whose `field` (an organisation foreign key path) is in scope."""
        if organization_ids is None:
            return Q()
        return Q(**{f"{field}__in": sorted(organization_ids)})

    def label(self) -> str:
        if self.kind == ScopeKind.SYSTEM:
            return _("The whole system")
        if self.kind == ScopeKind.REGION:
            return str(Region.objects.get(pk=self.region_id or 0))
        name = Organization.objects.values_list("name", flat=True).get(pk=self.organization_id or 0)
        return (
            name
            if self.include_children
            else _("%(name)s (without its child organisations)") % {"name": name}
        )
