"""The indicator catalogue against a hand-counted fixture.

Organisations: academy A (region R) with units A1 and A2 under it and A1a under A1; school B
(region R, no parent); board C (region S). Scopes: A with its children {A, A1, A2, A1a}, A alone,
region R {A, A1, A2, A1a, B}, the system. Periods: H1 2025, H2 2025, the year 2025, and the two
days 30/06–01/07/2025 across the halves' boundary. Every record is built through the apps'
services where they exist (events, agreements, task statuses, articles, views); the expected
figures are counted by hand from the records listed in `records` (see the comments there).
"""

import datetime as dt
from contextlib import contextmanager
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.db.models import Q
from django.utils.text import slugify

from agreements.models import AgreementParty, AgreementStatus, MilestoneKind, TaskStatus
from agreements.services import agreement_transition, task_set_status
from committees.models import DecisionKind
from events.models import (
    Award,
    Event,
    EventFormat,
    EventKind,
    EventLevel,
    EventSite,
    EventStatus,
    Speech,
    SpeechRole,
)
from events.services import event_cancel, event_postpone, event_publish, event_save
from portal.lib.periods import Period
from portal.news.counters import count_view, views_flush
from portal.news.services import article_unpublish
from portal.services import Rows
from reports.indicators import CATALOGUE, GROUP_LABELS, Family, compute, indicator
from reports.indicators.catalogue import count_where
from reports.scopes import Scope
from tests.agreements.factories import AgreementFactory, MilestoneFactory, TaskFactory
from tests.committees.factories import (
    DecisionFactory,
    OrganizationFactory,
    PersonFactory,
    RegionFactory,
    SteeringCommitteeFactory,
    TeamFactory,
)
from tests.news.factories import draft_article, published_article

pytestmark = pytest.mark.django_db

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
PERIODS = (
    Period.of_half(2025, 1),
    Period.of_half(2025, 2),
    Period.of_year(2025),
    Period.between(dt.date(2025, 6, 30), dt.date(2025, 7, 1)),
)
SCOPES = ("A with its children", "A alone", "region R", "system")

# code: the values for each scope of SCOPES, each (H1, H2, 2025, 30/06–01/07) of PERIODS.
EXPECTED = {
    # Counted events — H1: E1 E2 E5 E7 E10 E14; H2: E3 E11 E12; the year adds E6 and E13
    # (day unknown within 2025, across the halves); 30/06–01/07: E2 E3.
    "events.total": ((5, 2, 9, 2), (3, 1, 5, 1), (6, 2, 10, 2), (6, 3, 11, 2)),
    "events.kind.conference": ((0, 1, 2, 1), (0, 0, 1, 0), (0, 1, 2, 1), (0, 1, 2, 1)),  # E3 E13
    "events.kind.workshop": ((2, 0, 2, 1), (1, 0, 1, 1), (2, 0, 2, 1), (2, 1, 3, 1)),  # E1 E2 E12
    "events.kind.roundtable": ((0, 0, 1, 0), (0, 0, 0, 0), (0, 0, 1, 0), (0, 0, 1, 0)),  # E6
    "events.kind.training": ((1, 0, 1, 0), (0, 0, 0, 0), (2, 0, 2, 0), (2, 0, 2, 0)),  # E5 E14
    "events.kind.briefing": ((1, 0, 1, 0), (1, 0, 1, 0), (1, 0, 1, 0), (1, 0, 1, 0)),  # E7
    "events.kind.ceremony": ((1, 0, 1, 0), (1, 0, 1, 0), (1, 0, 1, 0), (1, 0, 1, 0)),  # E10
    "events.kind.signing": ((0, 1, 1, 0), (0, 1, 1, 0), (0, 1, 1, 0), (0, 1, 1, 0)),  # E11
    "events.kind.other": ((0, 0, 0, 0),) * 4,
    "events.level.state": ((1, 0, 1, 0), (1, 0, 1, 0), (2, 0, 2, 0), (2, 0, 2, 0)),  # E7 E14
    "events.level.ministry": ((1, 0, 1, 0), (0, 0, 0, 0), (1, 0, 1, 0), (1, 0, 1, 0)),  # E1
    "events.level.province": ((2, 0, 2, 1), (1, 0, 1, 1), (2, 0, 2, 1), (2, 1, 3, 1)),  # E2 E5 E12
    "events.level.institution": ((0, 0, 1, 0), (0, 0, 0, 0), (0, 0, 1, 0), (0, 0, 1, 0)),  # E6
    # E1 (E4 is cancelled, E9 postponed)
    "events.workshop.ministry": ((1, 0, 1, 0), (0, 0, 0, 0), (1, 0, 1, 0), (1, 0, 1, 0)),
    "events.workshop.province": ((1, 0, 1, 1), (1, 0, 1, 1), (1, 0, 1, 1), (1, 1, 2, 1)),  # E2 E12
    "events.online": ((1, 1, 2, 2), (1, 0, 1, 1), (1, 1, 2, 2), (1, 1, 2, 2)),  # E2 online, E3 hybrid
    # E1: 2, E2: 3, E11: 1, E12: 1 (cancelled E4's 2 never)
    "events.speeches": ((5, 1, 6, 3), (3, 1, 4, 3), (5, 1, 6, 3), (5, 2, 7, 3)),
    # E1: 1, E3: 2, E12: 1 (postponed E9's never)
    "events.awards": ((1, 2, 3, 2), (0, 0, 0, 0), (1, 2, 3, 2), (1, 3, 4, 2)),
    # D1 (A1's committee, 30/06) D2 (A, 01/07) D3 (A's committee) D4 (C); D5 undated, D6 in 2024
    "decisions.total": ((2, 1, 3, 2), (1, 1, 2, 1), (2, 1, 3, 2), (3, 1, 4, 2)),
    "decisions.kind.found_team": ((1, 0, 1, 1), (0, 0, 0, 0), (1, 0, 1, 1), (1, 0, 1, 1)),  # D1
    "decisions.kind.recognise": ((0, 0, 0, 0),) * 4,
    "decisions.kind.appoint": ((0, 0, 0, 0), (0, 0, 0, 0), (0, 0, 0, 0), (1, 0, 1, 0)),  # D4
    "decisions.kind.commend": ((0, 1, 1, 1),) * 4,  # D2
    "decisions.kind.regulation": ((1, 0, 1, 0),) * 4,  # D3
    "decisions.kind.other": ((0, 0, 0, 0),) * 4,  # D5 is undated
    # T1 (A's committee, 15/01) T2 (A1's, 31/12) T3 (C's, 01/07); T4 undated
    "teams.founded": ((1, 1, 2, 0), (1, 0, 1, 0), (1, 1, 2, 0), (1, 2, 3, 1)),
    # G1 (A, C; 01/03) G3 (B, C; 01/07); G4 is a draft
    "agreements.signed": ((1, 0, 1, 0), (1, 0, 1, 0), (1, 1, 2, 1), (1, 1, 2, 1)),
    # at 30/06: G1 G2 G5; at 31/12: G1 G3 G6; at 01/07: G1 G5
    "agreements.in_force": ((3, 2, 2, 2), (2, 2, 2, 2), (3, 3, 3, 2), (3, 3, 3, 2)),
    # G1 on 30/06 and 11/11; G2 at E3 (01/07); draft G4's review never
    "agreements.reviewed": ((1, 2, 2, 2), (1, 1, 1, 1), (1, 2, 2, 2), (1, 2, 2, 2)),
    # K1 and K7 (A) in H1, K3 (shared by A and C) and K5 (B) in H2
    "agreements.tasks.done": ((2, 1, 3, 2), (2, 1, 3, 2), (2, 2, 4, 2), (2, 2, 4, 2)),
    # at 30/06: K2 (C) K3 (A, C) K4 (A1) K8 (B); at 31/12: K2; at 01/07: K2 K8
    "agreements.tasks.overdue": ((2, 0, 0, 0), (1, 0, 0, 0), (3, 0, 0, 1), (4, 1, 1, 2)),
    # N1 (A1, 30/06 23:59) N3 (about B) N7 (A, 01/01 00:30) in H1; N2 (C, about A and A2) N6 (C) in H2
    "articles.published": ((2, 1, 3, 2), (1, 1, 2, 1), (3, 1, 4, 2), (3, 2, 5, 2)),
    "articles.views": ((105, 50, 155, 150), (5, 50, 55, 50), (112, 50, 162, 150), (112, 53, 165, 150)),
}


@contextmanager
def clock(*args: int):
    """The services' clock set to that local time in Asia/Ho_Chi_Minh."""
    moment = dt.datetime(*args, tzinfo=HCM)
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield moment


def local(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=HCM)


def event(
    title,
    start,
    host,
    kind,
    level="",
    *,
    end=None,
    day_unknown=False,
    co=(),
    speeches=0,
    awards=0,
    status=EventStatus.PUBLISHED,
    **f,
):
    """An event saved by `event_save` as staff would, with its speeches, awards and (online)
    a connection site, then moved to `status` by the workflow services."""
    record = Event(
        title=title,
        slug=slugify(title),
        start_date=start,
        end_date=end,
        day_unknown=day_unknown,
        host=host,
        kind=kind,
        level=level,
        **f,
    )
    rows = []
    if record.format != EventFormat.IN_PERSON:
        rows.append(Rows.of(EventSite, "event", EventSite(organization=host, order=0)))
    if speeches:
        people = PersonFactory.create_batch(speeches)
        rows.append(
            Rows.of(
                Speech,
                "event",
                *(Speech(person=p, role=SpeechRole.CONTRIBUTION, order=i) for i, p in enumerate(people, 1)),
            )
        )
    if awards:
        rows.append(
            Rows.of(
                Award, "event", *(Award(recipient_collective=f"Tập thể {i}", order=i) for i in range(awards))
            )
        )
    saved = event_save(event=record, by=None, many_to_many={"co_organizers": list(co)}, rows=rows)
    # A new event is a draft: published by the workflow, then cancelled when the test says so.
    if status != EventStatus.DRAFT:
        event_publish(event=saved, by=None)
    if status == EventStatus.CANCELLED:
        event_cancel(event=saved, by=None)
    if status == EventStatus.POSTPONED:
        event_postpone(event=saved, by=None)
    return saved


def party(agreement, organization):
    return AgreementParty.objects.get(agreement=agreement, organization=organization)


def article(title, when, views=0, **fields):
    """An article published at `when` (local time) by the workflow, then read `views` times."""
    item = published_article(now=when, title=title, **fields)
    for _ in range(views):
        count_view(article_id=item.pk, now=1_000_000.0)
    views_flush(now=1_000_000.0 + 120)
    return item


@pytest.fixture
def records():
    """The organisations and records the expected figures are counted from."""
    north, south = RegionFactory(), RegionFactory()
    a = OrganizationFactory(region=north)
    a1 = OrganizationFactory(parent=a)
    a2 = OrganizationFactory(parent=a)
    a1a = OrganizationFactory(parent=a1)
    b = OrganizationFactory(region=north)
    c = OrganizationFactory(region=south)

    # Events. H1: E1 E2 E5 E7 E10 E14; H2: E3 E11 E12; year only: E6 E13; never: E4 E8 E9 E15.
    conf, work = EventKind.CONFERENCE, EventKind.WORKSHOP
    event("E1", dt.date(2025, 3, 10), a1, work, EventLevel.MINISTRY, speeches=2, awards=1)
    event(
        "E2",
        dt.date(2025, 6, 30),
        a,
        work,
        EventLevel.PROVINCE,
        co=[b],
        speeches=3,
        format=EventFormat.ONLINE,
    )
    e3 = event("E3", dt.date(2025, 7, 1), b, conf, co=[a2], awards=2, format=EventFormat.HYBRID)
    event("E4", dt.date(2025, 5, 5), a, work, EventLevel.MINISTRY, speeches=2, status=EventStatus.CANCELLED)
    event(
        "E5",
        dt.date(2025, 4, 1),
        c,
        EventKind.TRAINING,
        EventLevel.PROVINCE,
        co=[a1a],
        status=EventStatus.PUBLISHED,
    )
    roundtable, institution = EventKind.ROUNDTABLE, EventLevel.INSTITUTION
    event("E6", dt.date(2025, 1, 1), a2, roundtable, institution, end=dt.date(2025, 12, 31), day_unknown=True)
    event(
        "E7",
        dt.date(2025, 2, 1),
        a,
        EventKind.BRIEFING,
        EventLevel.STATE,
        end=dt.date(2025, 5, 31),
        day_unknown=True,
    )
    event("E8", dt.date(2024, 12, 31), a, conf)
    event("E9", dt.date(2025, 9, 15), b, work, EventLevel.MINISTRY, awards=1, status=EventStatus.POSTPONED)
    # A draft is never counted, whatever it would count for (a ministry workshop of A in H1).
    event(
        "E15",
        dt.date(2025, 3, 3),
        a,
        work,
        EventLevel.MINISTRY,
        speeches=1,
        awards=1,
        status=EventStatus.DRAFT,
    )
    event("E10", dt.date(2025, 6, 29), c, EventKind.CEREMONY, end=dt.date(2025, 7, 2), co=[a])
    event("E11", dt.date(2025, 11, 20), a, EventKind.SIGNING, co=[a1], speeches=1)
    event("E12", dt.date(2025, 8, 8), c, work, EventLevel.PROVINCE, speeches=1, awards=1)
    event("E13", dt.date(2025, 6, 15), a, conf, end=dt.date(2025, 7, 15), day_unknown=True)
    event("E14", dt.date(2025, 2, 14), b, EventKind.TRAINING, EventLevel.STATE)

    # Committees, their decisions and teams.
    committee_a, committee_a1 = (
        SteeringCommitteeFactory(organization=a),
        SteeringCommitteeFactory(organization=a1),
    )
    committee_c = SteeringCommitteeFactory(organization=c)
    on = {"issuer_committee": None}
    DecisionFactory(
        issuer_committee=committee_a1, kind=DecisionKind.FOUND_TEAM, issued_on=dt.date(2025, 6, 30)
    )
    DecisionFactory(**on, issuer_organization=a, kind=DecisionKind.COMMEND, issued_on=dt.date(2025, 7, 1))
    DecisionFactory(issuer_committee=committee_a, kind=DecisionKind.REGULATION, issued_on=dt.date(2025, 2, 2))
    DecisionFactory(**on, issuer_organization=c, kind=DecisionKind.APPOINT, issued_on=dt.date(2025, 3, 3))
    DecisionFactory(issuer_committee=committee_a, kind=DecisionKind.OTHER, issued_on=None)
    DecisionFactory(
        **on, issuer_organization=b, kind=DecisionKind.FOUND_TEAM, issued_on=dt.date(2024, 12, 31)
    )
    TeamFactory(committee=committee_a, founded_on=dt.date(2025, 1, 15))
    TeamFactory(committee=committee_a1, founded_on=dt.date(2025, 12, 31))
    TeamFactory(committee=committee_c, founded_on=dt.date(2025, 7, 1))
    TeamFactory(committee=committee_a, founded_on=None)

    # Agreements: G1 in force since its signing; G2 terminated on 01/07 at 10:00; G3 in force from
    # 01/08; G4 a draft; G5 undated, in force until 30/09; G6 undated, in force from 01/08.
    in_force = AgreementStatus.IN_FORCE
    g1 = AgreementFactory(parties=[a, c], signed_on=dt.date(2025, 3, 1))
    agreement_transition(agreement=g1, to=in_force, by=None, at=local(2025, 3, 1))
    g2 = AgreementFactory(parties=[a1, b], signed_on=dt.date(2024, 5, 1))
    agreement_transition(agreement=g2, to=in_force, by=None, at=local(2024, 5, 1))
    agreement_transition(agreement=g2, to=AgreementStatus.TERMINATED, by=None, at=local(2025, 7, 1, 10))
    g3 = AgreementFactory(
        parties=[b, c],
        signed_on=dt.date(2025, 7, 1),
        effective_from=dt.date(2025, 8, 1),
        effective_to=dt.date(2026, 7, 31),
    )
    agreement_transition(agreement=g3, to=in_force, by=None, at=local(2025, 8, 1))
    g4 = AgreementFactory(parties=[a2, c], signed_on=dt.date(2025, 2, 1))
    g5 = AgreementFactory(parties=[a, b], signed_on=None, effective_to=dt.date(2025, 9, 30))
    agreement_transition(agreement=g5, to=in_force, by=None, undated=True)
    g6 = AgreementFactory(parties=[a, b], signed_on=None)
    agreement_transition(agreement=g6, to=in_force, by=None, at=local(2025, 8, 1, 9))

    interim, final = MilestoneKind.INTERIM_REVIEW, MilestoneKind.FINAL_REVIEW
    MilestoneFactory(agreement=g1, kind=interim, due_on=None, held_on=dt.date(2025, 6, 30))
    MilestoneFactory(agreement=g1, kind=final, due_on=None, held_on=dt.date(2025, 11, 11))
    MilestoneFactory(agreement=g2, kind=interim, due_on=None, event=e3)
    MilestoneFactory(agreement=g3, kind=interim, due_on=dt.date(2025, 12, 1))
    MilestoneFactory(agreement=g4, kind=interim, due_on=None, held_on=dt.date(2025, 3, 3))

    # Tasks. Done: K1 30/06 23:30, K3 01/07 08:00, K5 10/10, K7 03/03 (reopened 08/08).
    done = TaskStatus.DONE
    k1 = TaskFactory(owner=party(g1, a), due_on=dt.date(2025, 5, 1))
    TaskFactory(owner=party(g1, c), due_on=dt.date(2025, 6, 1))  # K2, never done
    k3 = TaskFactory(agreement=g1, owner=None, due_on=dt.date(2025, 6, 30))
    TaskFactory(owner=party(g2, a1), due_on=dt.date(2025, 3, 1))  # K4, its agreement ends 01/07
    k5 = TaskFactory(owner=party(g3, b), due_on=dt.date(2025, 12, 31))
    TaskFactory(owner=party(g4, a2), due_on=dt.date(2025, 1, 1))  # K6, of a draft
    k7 = TaskFactory(owner=party(g1, a), due_on=dt.date(2026, 1, 31))
    TaskFactory(owner=party(g5, b), due_on=dt.date(2025, 6, 15))  # K8, G5 ends 30/09
    for task, moment in (
        (k1, (2025, 6, 30, 23, 30)),
        (k3, (2025, 7, 1, 8)),
        (k5, (2025, 10, 10)),
        (k7, (2025, 3, 3)),
    ):
        with clock(*moment):
            task_set_status(task=task, to=done, by=None)
    with clock(2025, 8, 8):
        task_set_status(task=k7, to=TaskStatus.IN_PROGRESS, by=None)

    # Articles (views): N1 (100) N2 (50) N3 (7) N6 (3) N7 (5); N4 unpublished, N5 a draft.
    article("N1", local(2025, 6, 30, 23, 59), 100, source_organization=a1)
    article("N2", local(2025, 7, 1, 0, 0), 50, source_organization=c, many_to_many={"organizations": [a, a2]})
    article("N3", local(2025, 3, 3, 12), 7, many_to_many={"organizations": [b]})
    withdrawn = article("N4", local(2025, 2, 2, 12), 9, source_organization=a)
    article_unpublish(article=withdrawn, by=None)
    draft_article(title="N5", source_organization=a)
    article("N6", local(2025, 9, 9, 9), 3, source_organization=c)
    article("N7", local(2025, 1, 1, 0, 30), 5, source_organization=a)

    return {
        SCOPES[0]: Scope.of_organization(a),
        SCOPES[1]: Scope.of_organization(a, include_children=False),
        SCOPES[2]: Scope.of_region(north),
        SCOPES[3]: Scope.system(),
        "ids": {"a": a.pk, "a1": a1.pk, "a2": a2.pk, "a1a": a1a.pk, "b": b.pk, "c": c.pk, "south": south.pk},
    }


@pytest.mark.parametrize("scope_index", range(len(SCOPES)), ids=SCOPES)
def test_every_indicator_counts_the_hand_counted_records(records, scope_index):
    scope = records[SCOPES[scope_index]]
    for period_index, period in enumerate(PERIODS):
        expected = {code: values[scope_index][period_index] for code, values in EXPECTED.items()}
        assert compute(scope, period) == expected, (SCOPES[scope_index], period)


def test_the_expected_table_names_every_indicator_in_catalogue_order():
    assert list(EXPECTED) == list(CATALOGUE)


def test_the_catalogue_is_computed_with_one_query_a_family_and_one_for_the_scope(
    records, django_assert_num_queries
):
    families = {item.family.name for item in CATALOGUE.values()}
    assert sorted(families) == [
        "agreement tasks",
        "agreements",
        "articles",
        "awards",
        "decisions",
        "events",
        "speeches",
        "teams",
    ]
    with django_assert_num_queries(1 + 8):
        compute(records[SCOPES[0]], PERIODS[2])
    with django_assert_num_queries(8):
        compute(Scope.system(), PERIODS[2])


def test_a_few_indicators_cost_only_their_families(records, django_assert_num_queries):
    with django_assert_num_queries(2):
        values = compute(
            Scope.system(), PERIODS[0], codes=["articles.views", "events.online", "articles.published"]
        )
    assert values == {"articles.views": 112, "events.online": 1, "articles.published": 3}
    assert list(values) == ["articles.views", "events.online", "articles.published"]


def test_one_indicator_counts_alone(records):
    assert CATALOGUE["events.workshop.ministry"].count(None, PERIODS[2]) == 1


def test_a_unit_with_no_records_gets_zeros(records):
    empty = OrganizationFactory()
    assert set(compute(Scope.of_organization(empty), PERIODS[2]).values()) == {0}


def test_a_region_counts_its_organisations(records):
    ids = records["ids"]
    south = Scope.of_region(ids["south"])
    assert south.organization_ids() == frozenset({ids["c"]})
    values = compute(south, PERIODS[2])
    assert (values["events.total"], values["events.workshop.province"], values["teams.founded"]) == (3, 1, 1)


def test_scope_resolves_children_and_regions(records):
    ids = records["ids"]
    tree = {ids["a"], ids["a1"], ids["a2"], ids["a1a"]}
    assert records[SCOPES[0]].organization_ids() == frozenset(tree)
    assert records[SCOPES[1]].organization_ids() == frozenset({ids["a"]})
    assert records[SCOPES[2]].organization_ids() == frozenset(tree | {ids["b"]})
    assert Scope.of_organization(ids["a1"]).organization_ids() == frozenset({ids["a1"], ids["a1a"]})
    assert records[SCOPES[3]].organization_ids() is None


def test_scope_reads_the_organisation_tree_in_one_query(records, django_assert_num_queries):
    with django_assert_num_queries(1):
        Scope.of_region(records["ids"]["south"]).organization_ids()
    with django_assert_num_queries(0):
        assert Scope.system().organization_ids() is None


def test_a_child_with_a_region_of_its_own_counts_in_both_regions(records):
    """A unit placed in another region than its parent's is counted in that region and, as its
    parent's child, in the parent's region too."""
    from committees.models import Organization

    ids = records["ids"]
    Organization.objects.filter(pk=ids["a2"]).update(region_id=ids["south"])
    assert Scope.of_region(ids["south"]).organization_ids() == frozenset({ids["c"], ids["a2"]})
    assert ids["a2"] in records[SCOPES[2]].organization_ids()


def test_every_kind_and_level_has_its_indicator():
    codes = set(CATALOGUE)
    assert {f"events.kind.{kind}" for kind in EventKind} <= codes
    assert {f"events.level.{level}" for level in EventLevel} <= codes
    assert {f"decisions.kind.{kind}" for kind in DecisionKind} <= codes


def test_each_indicator_has_a_label_unit_group_and_rule():
    for item in CATALOGUE.values():
        assert str(item.label) and str(item.unit), item.code
        assert item.group in GROUP_LABELS, item.code
        assert item.family.rule and item.description.startswith(item.family.rule), item.code


def test_labels_are_vietnamese():
    assert str(CATALOGUE["events.workshop.ministry"].label) == "Hội thảo khoa học cấp Bộ"
    assert str(CATALOGUE["events.total"].unit) == "sự kiện"


def test_a_code_is_defined_once():
    family = Family("test", lambda organization_ids, period: Event.objects.none())
    with pytest.raises(ValueError, match="events.total is defined twice"):
        indicator("events.total", "x", "y", "events", family=family, value=count_where(Q()))
    assert CATALOGUE["events.total"].family.name == "events"


def test_the_last_day_of_the_calendar_is_a_period_end(records):
    """Nothing is dated in 9999; at its end G1 and G6 are still in force, and K2 and K7 of G1
    are due and not done."""
    values = compute(Scope.system(), Period.between(dt.date(9999, 1, 1), dt.date(9999, 12, 31)))
    assert {code: value for code, value in values.items() if value} == {
        "agreements.in_force": 2,
        "agreements.tasks.overdue": 2,
    }


@pytest.mark.parametrize("scope_index", range(len(SCOPES)), ids=SCOPES)
def test_a_summary_lists_what_its_figures_count(records, scope_index):
    """The summary's sheets (reports.selectors) list the records the indicators count."""
    from reports.services import summary_assemble

    scope = records[SCOPES[scope_index]]
    for period in PERIODS:
        snapshot = summary_assemble(scope=scope, period=period, by=None).snapshot
        counts = snapshot["counts"]
        assert [row["code"] for row in snapshot["indicators"]] == list(CATALOGUE)
        assert {row["group_label"] for row in snapshot["indicators"]} == {
            str(label) for label in GROUP_LABELS.values()
        }
        assert {str(label) for label in GROUP_LABELS.values()} == {
            "Sự kiện",
            "Quyết định",
            "Tổ, bộ phận",
            "Văn bản phối hợp",
            "Tin bài",
        }
        values = compute(scope, period)
        assert (counts["events"], counts["decisions"], counts["articles"]) == (
            values["events.total"],
            values["decisions.total"],
            values["articles.published"],
        ), (SCOPES[scope_index], period)


def test_agreements_in_force_at_period_end_reads_the_end_of_the_period_covered():
    """Article 003's programme "năm 2025": no in-force dates, the year 2025 covered; nobody
    recorded its expiry. In force at the end of 2025, not at the end of 2026's first quarter."""
    programme = AgreementFactory(
        parties=OrganizationFactory.create_batch(2),
        signed_on=dt.date(2024, 11, 19),
        covers_from=dt.date(2025, 1, 1),
        covers_to=dt.date(2025, 12, 31),
    )
    agreement_transition(agreement=programme, to=AgreementStatus.IN_FORCE, by=None, undated=True)
    scope = Scope.system()

    assert (
        compute(scope, Period.between(dt.date(2025, 10, 1), dt.date(2025, 12, 31)))["agreements.in_force"]
        == 1
    )
    assert (
        compute(scope, Period.between(dt.date(2026, 1, 1), dt.date(2026, 3, 31)))["agreements.in_force"] == 0
    )


def test_a_summary_lists_an_agreement_past_its_end_as_expired():
    from reports.selectors import agreement_rows

    programme = AgreementFactory(
        parties=OrganizationFactory.create_batch(2),
        signed_on=dt.date(2024, 11, 19),
        covers_to=dt.date(2025, 12, 31),
    )
    agreement_transition(agreement=programme, to=AgreementStatus.IN_FORCE, by=None, undated=True)

    rows = agreement_rows(None, Period.between(dt.date(2025, 1, 1), dt.date(2025, 12, 31)))

    assert [row["status_today"] for row in rows] == [AgreementStatus.EXPIRED]
