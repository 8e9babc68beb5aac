"""Demo data of the registry, drawn only from the five source articles (../shared/seeds/).

Articles: 000 = KV IV review conference, 25/08/2021; 001 = KV II committee's decisions,
13/05/2021; 002 = KV I Party committee's results report (undated); 003 = Nghệ An
coordination programme signed 19/11/2024; 004 = KV II six-month review, 02/07/2021.
Each row below cites its article.

Rules:
- Only what the sources state. An unknown number, date or signer stays empty, and the loader
  never writes a field the sources do not give, so what an editor fills in later is kept.
- Positions: the articles show a role held on the article's date, never when it began or
  ended, so start_date and end_date stay empty (unknown; `held_on` treats them as open) and
  reported_on is the date of the latest article stating them (`reported_on`): pages show them
  "theo tin ngày 30/08/2021", never as current.
  No source shows a position ending. `order` makes `person_title_line` read as the articles.
- Organisations: every body of the Academy system the sources name (academies, their Party
  committees and units, unions, journals) and the Nghệ An bodies in which a named person holds
  a position. Central Party bodies (Bộ Chính trị) appear as the issuer text of legal documents.
  Bodies outside the system named in passing (Chính phủ, UBND tỉnh, the publisher, Laos's
  embassy, the "Ban Chủ nhiệm Đề tài" of an unnamed project) and unnamed plural groups
  ("các Ban Tuyên giáo và Trường Chính trị tỉnh, thành phố") are not recorded. Two exceptions:
  "Ban Tuyên giáo các tỉnh, thành ủy khu vực Tây Nam Bộ" is a party to KV IV's coordination
  regulation (agreements.demo), which needs two parties to be in force; 000 never names the
  boards one by one, so the group is one organisation of kind OTHER, named as 000 names it.
  And Quân khu 4 (003) co-organised a workshop the events demo records, so it is one too.
- Idempotent: each row is found by a stable natural key (slug; number; person + role + body;
  committee + team name) and saved, through full_clean(), only when a declared field differs.
- Writes that have a service go through it, as nobody (`by=None`): a new person is made by
  `person_create`; an organisation's short name is written only when it is created (later it
  changes through `organization_rename`, with its date).
- Sources: every row names the source articles that state it (`src`, the last field, or the last
  element of a plain row); the loader cites them for the record it makes
  (`portal.sources.seeds.cite`). Regions and provinces, the geography the records sit in, are
  not cited.
- Other apps' demos may import the slug constants below (KV2, bcd(KV2), DECISIONS[i].slug…).
"""

from committees.demo.data import (
    BAN_QLKH,
    COMMITTEES,
    DECISIONS,
    HV,
    HV_NAME,
    KV1,
    KV2,
    KV2_NOTE,
    KV4,
    LEGAL_DOCUMENTS,
    LUAT_ANM,
    NA_BOARD,
    NA_PARTY,
    NA_SCHOOL,
    NQ_XIII,
    ORGANIZATIONS,
    PEOPLE,
    POSITIONS,
    PROVINCES,
    QK4,
    REGIONS,
    TEAMS,
    TNB_BOARDS,
    UNNUMBERED_DOCUMENTS,
    Dec,
    Org,
    Pos,
    Tm,
    bcd,
    party,
    reported_on,
)
from committees.models import (
    Decision,
    LegalDocument,
    Organization,
    Person,
    Position,
    Province,
    Region,
    SteeringCommittee,
    Team,
)
from committees.services import person_create
from portal.demo import upsert
from portal.lib.text import slugify_vi
from portal.lib.titles import parse_name
from portal.sources.seeds import cite

__all__ = [
    "BAN_QLKH",
    "COMMITTEES",
    "DECISIONS",
    "Dec",
    "HV",
    "HV_NAME",
    "KV1",
    "KV2",
    "KV2_NOTE",
    "KV4",
    "LEGAL_DOCUMENTS",
    "LUAT_ANM",
    "NA_BOARD",
    "NA_PARTY",
    "NA_SCHOOL",
    "NQ_XIII",
    "ORGANIZATIONS",
    "Org",
    "PEOPLE",
    "POSITIONS",
    "PROVINCES",
    "Pos",
    "QK4",
    "REGIONS",
    "TEAMS",
    "TNB_BOARDS",
    "Tm",
    "bcd",
    "party",
    "load",
]


def load() -> None:
    """Create or update every record above; a second run changes nothing."""
    regions = {
        slug: upsert(Region, {"slug": slug}, {"name": name, "order": order}) for slug, name, order in REGIONS
    }
    provinces = {
        slug: upsert(Province, {"slug": slug}, {"name": name, "kind": kind, "region": regions.get(region)})
        for slug, name, kind, region in PROVINCES
    }
    orgs = _load_organizations(regions, provinces)
    committees = {}
    for row in COMMITTEES:
        (slug, text), src = _split(row, 2)
        committees[bcd(slug)] = upsert(
            SteeringCommittee, {"slug": bcd(slug)}, {"organization": orgs[slug], "description": text}
        )
        cite(committees[bcd(slug)], *src)
    decisions = {
        dec.slug: upsert(
            Decision,
            {"slug": dec.slug},
            {
                "kind": dec.kind,
                "title": dec.title,
                "summary": dec.summary,
                "issuer_committee": committees[bcd(dec.committee)] if dec.committee else None,
                "issuer_organization": orgs.get(dec.organization),
            },
        )
        for dec in DECISIONS
    }
    for dec in DECISIONS:
        cite(decisions[dec.slug], *dec.src)
    for team in TEAMS:
        obj = upsert(
            Team,
            {"committee": committees[bcd(team.committee)], "name": team.name},
            {
                "kind": team.kind,
                "order": team.order,
                "founding_decision": decisions.get(team.founding_decision),
                "description": team.description,
            },
        )
        cite(obj, *team.src)
    people = _load_people()
    for pos in POSITIONS:
        body = {"organization": orgs.get(pos.body), "committee": committees.get(pos.body), "team": None}
        lookup = {"person": people[pos.person], "role": pos.role, "title": pos.title, **body}
        values = {"order": pos.order, "in_title_line": pos.in_title_line}
        if (day := reported_on(pos.src)) is not None:
            values["reported_on"] = day
        position = upsert(Position, lookup, values)
        cite(position, *pos.src)
    for row in LEGAL_DOCUMENTS:
        (number, doc_type, issued_on, issuer, term, title, abstract), src = _split(row, 7)
        values = {"doc_type": doc_type, "issuer": issuer, "term": term, "title": title, "abstract": abstract}
        if issued_on:
            values["issued_on"] = issued_on
        cite(upsert(LegalDocument, {"number": number}, {"slug": slugify_vi(number), **values}), *src)
    for slug, doc_type, issuer, title, abstract, articles in UNNUMBERED_DOCUMENTS:
        values = {"number": "", "doc_type": doc_type, "issuer": issuer, "title": title, "abstract": abstract}
        cite(upsert(LegalDocument, {"slug": slug}, values), *articles)


def _split(row: tuple, size: int) -> tuple[tuple, tuple]:
    """A plain row's `size` fields, and the source articles after them (none in a row without)."""
    return row[:size], (row[size] if len(row) > size else ())


def _load_organizations(regions: dict, provinces: dict) -> dict[str, Organization]:
    orgs: dict[str, Organization] = {}
    for org in ORGANIZATIONS:
        values = org._asdict()
        slug = values.pop("slug")
        del values["src"]
        values.update(parent=orgs.get(org.parent), region=regions.get(org.region))
        values["province"] = provinces.get(org.province)
        if Organization.objects.filter(slug=slug).exists():
            del values["short_name"]
        orgs[slug] = upsert(Organization, {"slug": slug}, values)
        cite(orgs[slug], *org.src)
    return orgs


def _load_people() -> dict[str, Person]:
    people: dict[str, Person] = {}
    for row in PEOPLE:
        (written, bio), src = _split(row, 2)
        parsed = parse_name(written)
        slug = slugify_vi(parsed.full_name)
        if not Person.objects.filter(slug=slug).exists():
            people[parsed.full_name] = person_create(written_name=written, slug=slug, bio=bio, by=None)
            cite(people[parsed.full_name], *src)
            continue
        people[parsed.full_name] = upsert(
            Person,
            {"slug": slug},
            {
                "full_name": parsed.full_name,
                "honorific": parsed.honorific,
                "academic_title": parsed.academic_title,
                "degree": parsed.degree,
                "bio": bio,
            },
        )
        cite(people[parsed.full_name], *src)
    return people
