"""The registry's part of the volume (portal/volume.py): regions, provinces, organisations with
former names, people, steering committees, teams, positions, decisions, legal documents.

At scale 1: 300 organisations, 5,000 people, 20,000 positions, 2,000 decisions. As in life,
the national academy holds the most positions (its inline had 1,947 of them in the report)
and its committee the most members.
"""

from __future__ import annotations

import datetime as dt

from committees.models import (
    AcademicTitle,
    Decision,
    DecisionKind,
    Degree,
    Honorific,
    LegalDocument,
    LegalDocumentType,
    Organization,
    OrganizationKind,
    OrganizationName,
    Person,
    Position,
    Province,
    Region,
    Role,
    SteeringCommittee,
    Team,
    TeamKind,
)
from portal.lib.text import slugify_vi
from portal.volume import SLUG_PREFIX, Volume

REGIONS = [
    "Tây Bắc",
    "Đông Bắc",
    "Đồng bằng sông Hồng",
    "Bắc Trung Bộ",
    "Duyên hải Nam Trung Bộ",
    "Tây Nguyên",
    "Đông Nam Bộ",
    "Tây Nam Bộ",
]
# The 63 provinces and cities before the 2025 mergers, with their region (index in REGIONS).
PROVINCES = [
    ("Hà Giang", 1), ("Cao Bằng", 1), ("Bắc Kạn", 1), ("Tuyên Quang", 1), ("Lào Cai", 0),
    ("Điện Biên", 0), ("Lai Châu", 0), ("Sơn La", 0), ("Yên Bái", 0), ("Hòa Bình", 0),
    ("Thái Nguyên", 1), ("Lạng Sơn", 1), ("Quảng Ninh", 1), ("Bắc Giang", 1), ("Phú Thọ", 1),
    ("Vĩnh Phúc", 2), ("Bắc Ninh", 2), ("Hải Dương", 2), ("Hải Phòng", 2), ("Hưng Yên", 2),
    ("Thái Bình", 2), ("Hà Nam", 2), ("Nam Định", 2), ("Ninh Bình", 2), ("Hà Nội", 2),
    ("Thanh Hóa", 3), ("Nghệ An", 3), ("Hà Tĩnh", 3), ("Quảng Bình", 3), ("Quảng Trị", 3),
    ("Thừa Thiên Huế", 3), ("Đà Nẵng", 4), ("Quảng Nam", 4), ("Quảng Ngãi", 4), ("Bình Định", 4),
    ("Phú Yên", 4), ("Khánh Hòa", 4), ("Ninh Thuận", 4), ("Bình Thuận", 4), ("Kon Tum", 5),
    ("Gia Lai", 5), ("Đắk Lắk", 5), ("Đắk Nông", 5), ("Lâm Đồng", 5), ("Bình Phước", 6),
    ("Tây Ninh", 6), ("Bình Dương", 6), ("Đồng Nai", 6), ("Bà Rịa - Vũng Tàu", 6),
    ("Thành phố Hồ Chí Minh", 6), ("Long An", 7), ("Tiền Giang", 7), ("Bến Tre", 7),
    ("Trà Vinh", 7), ("Vĩnh Long", 7), ("Đồng Tháp", 7), ("An Giang", 7), ("Kiên Giang", 7),
    ("Cần Thơ", 7), ("Hậu Giang", 7), ("Sóc Trăng", 7), ("Bạc Liêu", 7), ("Cà Mau", 7),
]  # fmt: skip
SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
]
MIDDLE_NAMES = ["Văn", "Thị", "Đình", "Quốc", "Thanh", "Minh", "Hữu", "Công", "Tấn", "Xuân", "Đức", "Ngọc"]
GIVEN_NAMES = [
    "Lâm", "Lợi", "Kiên", "Phong", "Khanh", "Quang", "Tạo", "Dũng", "Vinh", "Mai", "Phúc", "Lê",
    "Xuân", "Anh", "Bình", "Cường", "Đạt", "Giang", "Hà", "Hải", "Hùng", "Hương", "Khoa", "Linh",
    "Long", "Nam", "Nga", "Ngọc", "Phương", "Sơn", "Tâm", "Thảo", "Thắng", "Trung", "Tuấn", "Yến",
]  # fmt: skip
UNITS = [
    "Ban Quản lý khoa học",
    "Ban Tổ chức - Cán bộ",
    "Văn phòng",
    "Khoa Lý luận chính trị",
    "Khoa Xây dựng Đảng",
    "Tạp chí Khoa học chính trị",
    "Trung tâm Thông tin thư viện",
]
ORGANIZATION_ROLES = [Role.DIRECTOR, Role.DEPUTY_DIRECTOR, Role.HEAD, Role.DEPUTY_HEAD, Role.MEMBER]
PARTY_ROLES = [
    Role.SECRETARY,
    Role.DEPUTY_SECRETARY,
    Role.STANDING_COMMITTEE_MEMBER,
    Role.EXECUTIVE_COMMITTEE_MEMBER,
]
COMMITTEE_ROLES = [Role.HEAD, Role.DEPUTY_HEAD, Role.CHIEF_OF_OFFICE, Role.MEMBER, Role.MEMBER, Role.MEMBER]
TEAM_ROLES = [Role.TEAM_LEADER, Role.DEPUTY_TEAM_LEADER, Role.MEMBER, Role.MEMBER]


def _slug(text: str) -> str:
    return SLUG_PREFIX + slugify_vi(text, max_length=200)


def _day(volume: Volume, first_year: int, last_year: int) -> dt.date:
    start = dt.date(first_year, 1, 1).toordinal()
    return dt.date.fromordinal(volume.rng.randint(start, dt.date(last_year, 12, 31).toordinal()))


def generate(volume: Volume) -> None:
    rng = volume.rng
    regions = []
    for order, name in enumerate(REGIONS):
        region, _created = Region.objects.get_or_create(
            name=name, defaults={"slug": slugify_vi(name), "order": order}
        )
        regions.append(region)
    provinces = volume.bulk(
        Province,
        [
            Province(name=name, slug=_slug(f"tinh {name}"), region=regions[region])
            for name, region in PROVINCES[: volume.count(len(PROVINCES), minimum=3)]
        ],
    )
    organizations = _organizations(volume, regions, provinces)
    people = _people(volume)
    committees, teams = _committees(volume, organizations)
    positions = _positions(volume, organizations, committees, teams, people)
    decisions = _decisions(volume, organizations, committees, people)
    legal_documents = volume.bulk(
        LegalDocument,
        [
            LegalDocument(
                number=f"{index}-NQ/TW",
                doc_type=rng.choice(LegalDocumentType.values),
                issued_on=_day(volume, 2000, 2025),
                issuer=rng.choice(["Bộ Chính trị", "Ban Bí thư", "Trung ương"]),
                title=f"Văn kiện số {index} về công tác bảo vệ nền tảng tư tưởng của Đảng",
                slug=_slug(f"van-kien-{index}"),
            )
            for index in range(1, volume.count(100) + 1)
        ],
    )
    volume.records.update(
        regions=regions,
        organizations=organizations,
        people=people,
        committees=committees,
        teams=teams,
        positions=positions,
        decisions=decisions,
        legal_documents=legal_documents,
    )


def _organizations(volume: Volume, regions: list[Region], provinces: list[Province]) -> list[Organization]:
    rng = volume.rng
    national = volume.bulk(
        Organization,
        [
            Organization(
                name="Học viện Chính trị quốc gia Hồ Chí Minh (dữ liệu thử)",
                slug=_slug("hoc vien chinh tri quoc gia"),
                kind=OrganizationKind.NATIONAL_ACADEMY,
                founded_on=dt.date(1949, 3, 11),
            )
        ],
    )
    regional = volume.bulk(
        Organization,
        [
            Organization(
                name=f"Học viện Chính trị khu vực {numeral} (dữ liệu thử)",
                slug=_slug(f"hoc vien chinh tri khu vuc {numeral}"),
                kind=OrganizationKind.REGIONAL_ACADEMY,
                parent=national[0],
                region=regions[region],
                founded_on=_day(volume, 1950, 1990),
                order=index,
            )
            for index, (numeral, region) in enumerate([("I", 2), ("II", 6), ("III", 4), ("IV", 7)], start=1)
        ],
    )
    provincial = []
    for province in provinces:
        for kind, label in [
            (OrganizationKind.PROVINCIAL_SCHOOL, "Trường Chính trị tỉnh"),
            (OrganizationKind.PROPAGANDA_BOARD, "Ban Tuyên giáo Tỉnh ủy"),
        ]:
            name = f"{label} {province.name}"
            provincial.append(
                Organization(
                    name=name,
                    slug=_slug(name),
                    kind=kind,
                    region=province.region,
                    province=province,
                    founded_on=_day(volume, 1950, 2010),
                )
            )
    provincial = volume.bulk(Organization, provincial)
    academies = [*national, *regional]
    # Party committees and units of the academies and schools fill up to 300 at scale 1.
    subordinates = []
    wanted = max(volume.count(300) - len(academies) - len(provincial), len(academies))
    parents = [*academies, *(org for org in provincial if org.kind == OrganizationKind.PROVINCIAL_SCHOOL)]
    for index in range(wanted):
        parent = parents[index % len(parents)]
        if index < len(parents):
            subordinates.append(
                Organization(
                    name=f"Đảng ủy {parent.name}",
                    short_name="Đảng ủy",
                    slug=_slug(f"dang uy {parent.slug}"),
                    kind=OrganizationKind.PARTY_COMMITTEE,
                    parent=parent,
                    region=parent.region,
                )
            )
        else:
            unit = UNITS[index % len(UNITS)]
            subordinates.append(
                Organization(
                    name=f"{unit} {parent.name}",
                    short_name=unit,
                    slug=_slug(f"{unit} {index} {parent.slug}"),
                    kind=OrganizationKind.UNIT,
                    parent=parent,
                    region=parent.region,
                )
            )
    subordinates = volume.bulk(Organization, subordinates)
    organizations = [*academies, *provincial, *subordinates]
    # One in five boards kept an older name, as the propaganda boards renamed in 2025 did.
    volume.bulk(
        OrganizationName,
        [
            OrganizationName(
                organization=org,
                name=org.name.replace("Ban Tuyên giáo", "Ban Tuyên giáo và Dân vận"),
                valid_from=org.founded_on,
                valid_to=dt.date(2020, 12, 31),
            )
            for org in provincial
            if org.kind == OrganizationKind.PROPAGANDA_BOARD and rng.random() < 0.2
        ],
    )
    return organizations


def _people(volume: Volume) -> list[Person]:
    rng = volume.rng
    people = []
    for index in range(volume.count(5000)):
        name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_NAMES)} {rng.choice(GIVEN_NAMES)}"
        people.append(
            Person(
                full_name=name,
                slug=_slug(f"{name} {index}"),
                academic_title=rng.choice(["", "", "", AcademicTitle.PGS, AcademicTitle.GS]),
                degree=rng.choice([Degree.TS, Degree.TS, Degree.THS, Degree.CN, ""]),
                honorific=rng.choice(["", "", "", "", Honorific.NGUT]),
            )
        )
    return volume.bulk(Person, people)


def _committees(
    volume: Volume, organizations: list[Organization]
) -> tuple[list[SteeringCommittee], list[Team]]:
    hosts = [
        org
        for org in organizations
        if org.kind not in {OrganizationKind.PARTY_COMMITTEE, OrganizationKind.UNIT}
    ]
    committees = volume.bulk(
        SteeringCommittee,
        [
            SteeringCommittee(
                organization=org, slug=_slug(f"bcd35 {org.slug}"), founded_on=_day(volume, 2018, 2020)
            )
            for org in hosts
        ],
    )
    teams = []
    for committee in committees:
        for order, (kind, name) in enumerate(
            [(TeamKind.OFFICE, "Văn phòng"), (TeamKind.SECRETARIAT, "Tổ thư ký")]
        ):
            teams.append(
                Team(committee=committee, kind=kind, name=name, founded_on=committee.founded_on, order=order)
            )
    return committees, volume.bulk(Team, teams)


def _positions(
    volume: Volume,
    organizations: list[Organization],
    committees: list[SteeringCommittee],
    teams: list[Team],
    people: list[Person],
) -> list[Position]:
    """About four positions a person: in an organisation, its Party committee, a steering committee,
    a team; two in five of them at the national academy and its committee."""
    rng = volume.rng
    national = organizations[0]
    party = {org.parent_id: org for org in organizations if org.kind == OrganizationKind.PARTY_COMMITTEE}
    main_bodies = [
        org
        for org in organizations
        if org.kind not in {OrganizationKind.PARTY_COMMITTEE, OrganizationKind.UNIT}
    ]
    committee_of = {committee.organization_id: committee for committee in committees}
    teams_of: dict[int, list[Team]] = {}
    for team in teams:
        teams_of.setdefault(team.committee_id, []).append(team)
    wanted = volume.count(20000)
    positions: list[Position] = []
    first_start: dict[int, dt.date] = {}
    for person in people:
        home = national if rng.random() < 0.4 else rng.choice(main_bodies)
        start = _day(volume, 2012, 2022)
        first_start[person.pk] = start
        end = rng.choice([None, None, None, start + dt.timedelta(days=rng.randint(200, 1500))])
        rows = [Position(person=person, role=rng.choice(ORGANIZATION_ROLES), organization=home, order=2)]
        if home.pk in party:
            rows.append(
                Position(person=person, role=rng.choice(PARTY_ROLES), organization=party[home.pk], order=1)
            )
        if home.pk in committee_of:
            committee = committee_of[home.pk]
            rows.append(
                Position(person=person, role=rng.choice(COMMITTEE_ROLES), committee=committee, order=3)
            )
            rows.append(
                Position(
                    person=person,
                    role=rng.choice(TEAM_ROLES),
                    team=rng.choice(teams_of[committee.pk]),
                    order=4,
                )
            )
        for row in rows:
            row.start_date, row.end_date = start, end
        positions.extend(rows)
    # Careers: earlier positions elsewhere, ended before the current ones began.
    while len(positions) < wanted:
        person = rng.choice(people)
        end = first_start[person.pk] - dt.timedelta(days=rng.randint(1, 400))
        start = end - dt.timedelta(days=rng.randint(300, 2000))
        first_start[person.pk] = start
        positions.append(
            Position(
                person=person,
                role=rng.choice(ORGANIZATION_ROLES),
                organization=rng.choice(main_bodies),
                start_date=start,
                end_date=end,
                order=5,
            )
        )
    return volume.bulk(Position, positions[:wanted])


def _decisions(
    volume: Volume,
    organizations: list[Organization],
    committees: list[SteeringCommittee],
    people: list[Person],
) -> list[Decision]:
    rng = volume.rng
    decisions = []
    for index in range(1, volume.count(2000) + 1):
        by_committee = rng.random() < 0.8
        issued_on = _day(volume, 2018, 2026)
        kind = rng.choice(DecisionKind.values)
        decisions.append(
            Decision(
                number=f"{index}-QĐ/BCĐ35" if by_committee else f"{index}-QĐ/HV",
                issued_on=issued_on,
                issuer_committee=rng.choice(committees) if by_committee else None,
                issuer_organization=None if by_committee else rng.choice(organizations[:5]),
                signer=rng.choice(people),
                kind=kind,
                title=f"Quyết định số {index} về việc {DecisionKind(kind).label}",
                slug=_slug(f"quyet-dinh-{index}"),
            )
        )
    return volume.bulk(Decision, decisions)
