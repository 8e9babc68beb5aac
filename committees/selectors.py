"""Reads of the registry that pages, events and reports share, shaped for their templates."""

import datetime as dt
from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet

from committees.models import Organization, Person, Position


def position_queryset() -> QuerySet[Position]:
    """Positions with every body and name history a title line reads, in title-line order."""
    return Position.objects.select_related(
        "organization__parent",
        "committee__organization",
        "team__committee__organization",
    ).prefetch_related(
        "organization__former_names",
        "organization__parent__former_names",
        "committee__organization__former_names",
        "team__committee__organization__former_names",
    )


def people_with_positions(queryset: QuerySet[Person] | None = None) -> QuerySet[Person]:
    """People with their positions prefetched for `person_title_line` (a fixed number of queries)."""
    queryset = Person.objects.all() if queryset is None else queryset
    return queryset.prefetch_related(
        Prefetch("positions", queryset=position_queryset().order_by("order", "pk"))
    )


def person_title_line(person: Person, *, on: dt.date) -> str:
    """The person's canonical title line from the positions held on `on`.

    "PGS, TS Hoàng Phúc Lâm, Phó Bí thư Đảng ủy, Phó Giám đốc Học viện Chính trị quốc gia
    Hồ Chí Minh, Phó Trưởng Ban Chỉ đạo 35": positions are grouped by the organisation
    they belong to; a Party committee, unit, steering committee or team is named briefly
    and the organisation's name (as it was on that day) is written once, after the
    position held in it directly, or after the group's last position when there is none.
    """
    held = [p for p in person.positions.all() if p.in_title_line and p.held_on(on)]
    held.sort(key=lambda p: (p.order, p.pk))
    return ", ".join([person.display_name, *_position_phrases(held, on)])


def _position_phrases(positions: Iterable[Position], day: dt.date) -> list[str]:
    groups: dict[int, tuple[Organization, list[Position]]] = {}
    for position in positions:
        home = position.body.home_organization
        groups.setdefault(home.pk, (home, []))[1].append(position)

    phrases: list[str] = []
    for home, group in groups.values():
        texts = [
            p.role_label if p.organization_id == home.pk else f"{p.role_label} {p.body.title_name_on(day)}"
            for p in group
        ]
        direct = [index for index, p in enumerate(group) if p.organization_id == home.pk]
        anchor = direct[-1] if direct else len(group) - 1
        texts[anchor] = f"{texts[anchor]} {home.name_on(day)}"
        phrases.extend(texts)
    return phrases
