"""Reads of the registry that pages, events and reports share, shaped for their templates."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Concat
from django.utils import translation

from committees.models import (
    Decision,
    LegalDocument,
    Organization,
    OrganizationChange,
    OrganizationKind,
    Person,
    Position,
    Role,
    SteeringCommittee,
    Team,
)
from committees.models.organizations import SUBORDINATE_KINDS
from portal.cache import cached
from portal.lib.text import slugify_vi

# How many members the organisation page lists per committee and per team; the rest are on
# the committee's own members page, paginated.
COMMITTEE_MEMBERS_SHOWN = 30
TEAM_MEMBERS_SHOWN = 15


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
    return ", ".join([person.display_name, *_position_phrases(_held_in_title_line(person, on), on)])


def person_positions_line(person: Person, *, on: dt.date) -> str:
    """The title line without the name: "Phó Bí thư Đảng ủy, Phó Giám đốc Học viện …"."""
    return ", ".join(_position_phrases(_held_in_title_line(person, on), on))


@dataclass(frozen=True)
class PersonLine:
    """What a person's page says of them now: the title line, and, when no position is current
    by its dates, the date of the latest source it is reported by (`reported_on`)."""

    text: str
    reported_on: dt.date | None = None
    is_reported: bool = False


def person_line_now(person: Person, *, today: dt.date) -> PersonLine:
    """The person's title line of `today` from the positions current by their dates, when there
    are some (a position only reported is not claimed as held today); else the line as the
    latest source reports it ("theo tin ngày 30/08/2021"), the body names of that
    date. Reads prefetched positions (`people_with_positions`)."""
    in_line = [p for p in person.positions.all() if p.in_title_line]
    current = sorted((p for p in in_line if p.is_current_on(today)), key=lambda p: (p.order, p.pk))
    if current:
        return PersonLine(", ".join([person.display_name, *_position_phrases(current, today)]))
    reported = [p for p in in_line if not p.is_dated]
    if not reported:
        return PersonLine(person.display_name)
    days = [p.reported_on for p in reported if p.reported_on is not None]
    day = max(days) if days else None
    if day is None:
        held = sorted(reported, key=lambda p: (p.order, p.pk))
        return PersonLine(", ".join([person.display_name, *_position_phrases(held, today)]), is_reported=True)
    return PersonLine(person_title_line(person, on=day), reported_on=day, is_reported=True)


def _held_in_title_line(person: Person, day: dt.date) -> list[Position]:
    held = [p for p in person.positions.all() if p.in_title_line and p.held_on(day)]
    held.sort(key=lambda p: (p.order, p.pk))
    return held


def _body(position: Position) -> Organization | SteeringCommittee | Team:
    """The body a position is held in: exactly one (a database constraint)."""
    body = position.body
    if body is None:
        raise ValueError(f"position {position.pk} is held in no body")
    return body


def _position_phrases(positions: Iterable[Position], day: dt.date) -> list[str]:
    groups: dict[int, tuple[Organization, list[Position]]] = {}
    for position in positions:
        home = _body(position).home_organization
        groups.setdefault(home.pk, (home, []))[1].append(position)

    phrases: list[str] = []
    for home, group in groups.values():
        texts = [
            p.role_label if p.organization_id == home.pk else f"{p.role_label} {_body(p).title_name_on(day)}"
            for p in group
        ]
        direct = [index for index, p in enumerate(group) if p.organization_id == home.pk]
        anchor = direct[-1] if direct else len(group) - 1
        texts[anchor] = f"{texts[anchor]} {home.name_on(day)}"
        phrases.extend(texts)
    return phrases


# --- Public pages ----------------------------------------------------------------------
# Each page reads through one of these, so its query count stays fixed whatever the rows.


def _kind_rank() -> Case:
    """Organisation kinds in their declared order (national academy first), for grouping lists."""
    return Case(
        *[When(kind=kind, then=Value(rank)) for rank, kind in enumerate(OrganizationKind)],
        default=Value(len(OrganizationKind)),
    )


def _role_rank() -> Case:
    """Roles in their declared order (secretary, …, head, deputy head, …, member): who is listed first."""
    return Case(
        *[When(role=role, then=Value(rank)) for rank, role in enumerate(Role)],
        default=Value(len(Role)),
    )


def directory_organizations() -> QuerySet[Organization]:
    """Current organisations for the directory, ordered by kind, then region, then their own order.

    Party committees and units of a parent are left out: they are listed on the parent's page.
    """
    return (
        Organization.objects.filter(closed_on__isnull=True)
        .exclude(kind__in=SUBORDINATE_KINDS, parent__isnull=False)
        .select_related("region", "province")
        .annotate(kind_rank=_kind_rank())
        .order_by(
            "kind_rank",
            F("region__order").asc(nulls_last=True),
            "region__name",
            "order",
            "name",
        )
    )


def members_on(day: dt.date) -> QuerySet[Position]:
    """Positions held on `day`, most senior role first, each person ready for `person_title_line`."""
    return (
        Position.objects.held_on(day)
        .select_related("person")
        .prefetch_related(Prefetch("person__positions", queryset=position_queryset().order_by("order", "pk")))
        .annotate(role_rank=_role_rank())
        .order_by("role_rank", "order", "person__full_name", "pk")
    )


def facts_as_of(*dates: dt.date | None, today: dt.date) -> dt.date | None:
    """The day a list of members is stated as of: `today` while the latest of `dates` (its dated
    facts: starts, reports) is at most settings.COMMITTEES_FACTS_FRESH_DAYS old, else that
    latest date; None when no fact is dated at all. A date after `today` counts as `today`."""
    known = [min(day, today) for day in dates if day is not None]
    if not known:
        return None
    latest = max(known)
    return today if (today - latest).days <= settings.COMMITTEES_FACTS_FRESH_DAYS else latest


def members_facts_as_of(members: QuerySet[Position], *, today: dt.date) -> dt.date | None:
    """`facts_as_of` for the positions `members` (one query)."""
    latest = members.order_by().aggregate(
        start=Max("start_date"), end=Max("end_date"), reported=Max("reported_on")
    )
    return facts_as_of(latest["start"], latest["end"], latest["reported"], today=today)


def _held_on(day: dt.date, prefix: str = "") -> Q:
    """Positions held on `day`, as a condition on `prefix`-positions (as `PositionQuerySet.held_on`)."""
    return (Q(**{f"{prefix}start_date__isnull": True}) | Q(**{f"{prefix}start_date__lte": day})) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": day})
    )


def organization_page_queryset(*, on: dt.date) -> QuerySet[Organization]:
    """Organisations with what their page shows: name history, parent and current children,
    what became of them and what they came from, and their steering committees with the most
    senior members and the current teams of `on` (in `current_members`, at most
    COMMITTEE_MEMBERS_SHOWN and TEAM_MEMBERS_SHOWN, and `current_teams`), and how many
    members each has that day (`member_count`), with the latest dated facts about them
    (`latest_start`, `latest_end`, `latest_report`: see `facts_as_of`)."""
    held = _held_on(on, "positions__")
    facts = {
        "member_count": Count("positions", filter=held),
        "latest_start": Max("positions__start_date", filter=held),
        "latest_end": Max("positions__end_date", filter=held),
        "latest_report": Max("positions__reported_on", filter=held),
    }
    current_teams = (
        Team.objects.filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=on))
        .select_related("founding_decision")
        .annotate(**facts)
    )
    committees = (
        SteeringCommittee.objects.select_related("founding_decision")
        .annotate(**facts)
        .prefetch_related(
            Prefetch(
                "positions", queryset=members_on(on)[:COMMITTEE_MEMBERS_SHOWN], to_attr="current_members"
            ),
            Prefetch(
                "teams",
                queryset=current_teams.prefetch_related(
                    Prefetch(
                        "positions", queryset=members_on(on)[:TEAM_MEMBERS_SHOWN], to_attr="current_members"
                    )
                ),
                to_attr="current_teams",
            ),
        )
    )
    return Organization.objects.select_related("parent", "region", "province").prefetch_related(
        "former_names",
        Prefetch(
            "children",
            queryset=Organization.objects.filter(closed_on__isnull=True).order_by("order", "name"),
            to_attr="current_children",
        ),
        Prefetch("changes", queryset=OrganizationChange.objects.select_related("successor")),
        Prefetch("origins", queryset=OrganizationChange.objects.select_related("predecessor")),
        Prefetch("committees", queryset=committees.order_by("founded_on", "pk")),
    )


def committee_members(organization: Organization, *, on: dt.date) -> QuerySet[Position]:
    """Everyone on a steering committee of `organization` on `on`, most senior first (for its
    members page, paginated)."""
    return (
        members_on(on).filter(committee__organization=organization).select_related("committee__organization")
    )


def decision_list_queryset() -> QuerySet[Decision]:
    """Decisions with their issuer, under current names, newest first."""
    return Decision.objects.select_related("issuer_committee__organization", "issuer_organization")


def organization_decisions(organization: Organization) -> QuerySet[Decision]:
    """Decisions issued by `organization` itself or by one of its steering committees."""
    return decision_list_queryset().filter(
        Q(issuer_organization=organization) | Q(issuer_committee__organization=organization)
    )


def decision_page_queryset() -> QuerySet[Decision]:
    """Decisions with their issuer's names of the decision date, the signer ready for
    `person_title_line`, and the committees and teams they founded."""
    return decision_list_queryset().prefetch_related(
        "issuer_committee__organization__former_names",
        "issuer_organization__former_names",
        Prefetch("signer", queryset=people_with_positions()),
        Prefetch("founded_committees", queryset=SteeringCommittee.objects.select_related("organization")),
        Prefetch("founded_teams", queryset=Team.objects.select_related("committee__organization")),
    )


def legal_document_decisions(document: LegalDocument) -> QuerySet[Decision]:
    """The decisions citing `document`, latest first, undated last (one query)."""
    return (
        decision_list_queryset()
        .filter(legal_documents=document)
        .order_by(F("issued_on").desc(nulls_last=True), "-pk")
    )


def person_page_queryset() -> QuerySet[Person]:
    """People with every position and the names of its body, for the person page."""
    return people_with_positions()


@dataclass(frozen=True)
class PersonPositions:
    """A person's positions as their page lists them."""

    current: list[Position]  # held on the day by their dates, in title-line order
    reported: list[Position]  # with neither date: held on the day of their source, latest first
    past: list[Position]  # ended before the day, latest first


def person_positions(person: Person, *, on: dt.date) -> PersonPositions:
    """The person's positions current on `on`, those the sources only report on a date, and
    those ended before `on`.

    Reads prefetched positions. Positions that start after `on` are in none of the lists; a
    reported position is never current: the sources say it was held on their date, not now.
    """
    positions = list(person.positions.all())
    current = [p for p in positions if p.is_current_on(on)]
    reported = [p for p in positions if not p.is_dated]
    reported.sort(
        key=lambda p: (p.reported_on is not None, p.reported_on or on, -p.order, -p.pk), reverse=True
    )
    past = [p for p in positions if p.end_date is not None and p.end_date < on]
    past.sort(key=lambda p: (p.end_date, p.pk), reverse=True)
    return PersonPositions(current=current, reported=reported, past=past)


@dataclass(frozen=True)
class DocumentIssuer:
    """One choice of the documents' issuer filter.

    `slug` is an organisation's slug, or the folded form of an issuer written on legal
    documents ("bo-chinh-tri"); when both agree they are the same body and one choice.
    """

    slug: str
    name: str
    is_organization: bool
    legal_issuers: tuple[str, ...] = ()


def document_issuers() -> list[DocumentIssuer]:
    """Everyone who issued a document: organisations (directly or through a committee) first,
    under their current names, then the bodies written on legal documents, alphabetically.

    Kept in the cache until a record of the registry changes."""
    return cached("document_issuers", ["committees"], _document_issuers)


def _document_issuers() -> list[DocumentIssuer]:
    directly = Decision.objects.filter(issuer_organization=OuterRef("pk"))
    through_committee = Decision.objects.filter(issuer_committee__organization=OuterRef("pk"))
    organizations = (
        Organization.objects.filter(Exists(directly) | Exists(through_committee))
        .order_by("order", "name")
        .values_list("slug", "name")
    )
    written: dict[str, list[str]] = {}
    for text in LegalDocument.objects.order_by("issuer").values_list("issuer", flat=True).distinct():
        written.setdefault(slugify_vi(text) or text, []).append(text)

    issuers = [
        DocumentIssuer(slug=slug, name=name, is_organization=True, legal_issuers=tuple(written.pop(slug, ())))
        for slug, name in organizations
    ]
    issuers.extend(
        DocumentIssuer(slug=slug, name=texts[0], is_organization=False, legal_issuers=tuple(texts))
        for slug, texts in sorted(written.items(), key=lambda item: item[1][0])
    )
    return issuers


DECISION = "decision"
LEGAL_DOCUMENT = "legal_document"


def document_index(*, decisions: QuerySet[Decision], legal_documents: QuerySet[LegalDocument]) -> QuerySet:
    """Both kinds of documents as one list of rows {"model", "doc_id", "day"}: newest first, undated last.

    A single SQL UNION, so a page of it is one LIMIT/OFFSET query whatever the number of
    documents; `documents_for_rows` then loads the page's documents.
    """

    def rows(queryset: QuerySet, model: str) -> QuerySet:
        return queryset.order_by().values(
            model=Value(model, output_field=CharField()), doc_id=F("pk"), day=F("issued_on")
        )

    return (
        rows(decisions, DECISION)
        .union(rows(legal_documents, LEGAL_DOCUMENT), all=True)
        .order_by(F("day").desc(nulls_last=True), "model", "-doc_id")
    )


@dataclass(frozen=True)
class IndexedDocument:
    """A document of the mixed list, and which model it is (templates cannot ask isinstance)."""

    document: Decision | LegalDocument
    is_decision: bool


def documents_for_rows(rows: Iterable[dict]) -> list[IndexedDocument]:
    """The documents of `document_index` rows, in their order (one query per kind present)."""
    rows = list(rows)
    wanted: dict[str, list[int]] = {DECISION: [], LEGAL_DOCUMENT: []}
    for row in rows:
        wanted[row["model"]].append(row["doc_id"])
    loaded: dict[str, dict[int, Decision] | dict[int, LegalDocument]] = {
        DECISION: decision_list_queryset().in_bulk(wanted[DECISION]) if wanted[DECISION] else {},
        LEGAL_DOCUMENT: LegalDocument.objects.in_bulk(wanted[LEGAL_DOCUMENT])
        if wanted[LEGAL_DOCUMENT]
        else {},
    }
    return [
        IndexedDocument(document=loaded[row["model"]][row["doc_id"]], is_decision=row["model"] == DECISION)
        for row in rows
        if row["doc_id"] in loaded[row["model"]]
    ]


# --- People index and role pages -------------------------------------------------------


def people_index(*, words: list[str], organization: Organization | None = None) -> QuerySet[Person]:
    """People whose name holds every one of `words` (folded, portal.lib.search.query_words) at the
    start of one of its words, and who held a position in `organization` (or one of its Party
    committees, units, steering committees or teams) at any time; ready for their title lines.

    A person's slug is the folded name (committees.services.person_create), so "nguyen van"
    finds "Nguyễn Văn An" as "Nguyên Văn" does, without a column of its own."""
    people = people_with_positions()
    if words:
        people = people.annotate(name_key=Concat(Value("-"), "slug", output_field=CharField()))
        for word in words:
            people = people.filter(name_key__contains=f"-{word}")
    if organization is not None:
        people = people.filter(Exists(Position.objects.filter(_in_home(organization), person=OuterRef("pk"))))
    # The slug is the folded name: "Đặng" sorts with "Dương", not after "Z".
    return people.order_by("slug", "pk")


def _in_home(organization: Organization | OuterRef, prefix: str = "") -> Q:
    """Positions whose title line names `organization` as their home (Position.body.home_organization)."""
    return (
        Q(**{f"{prefix}organization": organization})
        | Q(
            **{
                f"{prefix}organization__parent": organization,
                f"{prefix}organization__kind__in": SUBORDINATE_KINDS,
            }
        )
        | Q(**{f"{prefix}committee__organization": organization})
        | Q(**{f"{prefix}team__committee__organization": organization})
    )


def people_index_organizations() -> list[tuple[str, str]]:
    """(slug, name) of the organisations someone held a position in, for the people index's filter,
    in the directory's order. Kept in the cache until a record of the registry changes."""
    return cached("people_index_organizations", ["committees"], _people_index_organizations)


def _people_index_organizations() -> list[tuple[str, str]]:
    homes = Position.objects.filter(_in_home(OuterRef("pk")))
    return list(directory_organizations().filter(Exists(homes)).values_list("slug", "name"))


def role_phrase(position: Position, day: dt.date | None = None) -> str:
    """The role without its home organisation's name, as title lines write it: "Giám đốc",
    "Phó Bí thư Đảng ủy", "Trưởng Ban Chỉ đạo 35", "Tổ trưởng Tổ Thư ký Ban Chỉ đạo 35"."""
    body = _body(position)
    if position.organization_id == body.home_organization.pk:
        return position.role_label
    return f"{position.role_label} {body.title_name_on(day)}"


def role_slug(position: Position) -> str:
    """The role's part of its page's address, made from the role's current wording in the site's
    language (so the address does not change with the reader's language)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _role_slug(position)


def _role_slug(position: Position) -> str:
    """`role_slug`, for callers that already made the site's language active (one switch for many)."""
    return slugify_vi(role_phrase(position), max_length=120)


@dataclass(frozen=True)
class RoleHolders:
    """The people who held one role of one organisation: the current holders first (dated), then
    the previous ones, latest first, then those the sources name without dates."""

    organization: Organization
    slug: str
    current: list[Position]
    previous: list[Position]
    undated: list[Position]

    @property
    def positions(self) -> list[Position]:
        return [*self.current, *self.previous, *self.undated]


def role_holders(organization: Organization, slug: str, *, on: dt.date) -> RoleHolders:
    """The holders of the role `slug` of `organization` (see `role_slug`), in a fixed number of
    queries: the positions whose home is the organisation are read and the role's kept.

    A position with neither date is not taken as current: the sources report it, not since when
    nor until when, so it is listed apart rather than under "today"."""
    with translation.override(settings.LANGUAGE_CODE):
        positions = [
            position
            for position in position_queryset()
            .select_related("person")
            .filter(_in_home(organization))
            .order_by("pk")
            if _role_slug(position) == slug
        ]
    undated = [p for p in positions if not p.is_dated]
    previous = [p for p in positions if p.end_date is not None and p.end_date < on]
    current = [p for p in positions if p.is_dated and not (p.end_date is not None and p.end_date < on)]
    current.sort(key=lambda p: (p.start_date or dt.date.min, p.pk), reverse=True)
    previous.sort(key=lambda p: (p.end_date, p.start_date or dt.date.min, p.pk), reverse=True)
    undated.sort(key=lambda p: (p.person.full_name, p.pk))
    return RoleHolders(
        organization=organization, slug=slug, current=current, previous=previous, undated=undated
    )


def role_addresses() -> list[tuple[str, str]]:
    """(organisation slug, role slug) of every role someone held, once each, for the sitemap.

    Kept in the cache until a record of the registry changes: at scale 1 (20,000 positions)
    making the slugs takes about a second."""
    return cached("role_addresses", ["committees"], _role_addresses)


def _role_addresses() -> list[tuple[str, str]]:
    seen: dict[tuple[str, str], None] = {}
    # Current names only: the bodies' former names are not read.
    with translation.override(settings.LANGUAGE_CODE):
        for position in position_queryset().prefetch_related(None).order_by("pk"):
            seen[(_body(position).home_organization.slug, _role_slug(position))] = None
    return list(seen)
