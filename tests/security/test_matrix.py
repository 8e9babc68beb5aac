"""The scoping and permission matrix: role × model × action × relation, asserted through the admin.

One table, `SUBJECTS`, declares each scoped model: how to make its record of each relation to
the user's organisation (KV II), which text field an edit changes, its status button and whether
its spreadsheet imports. The roles come from portal.roles. Every cell's expectation is computed by
`expected()` from two facts only — whether the role's table grants the permission the action
needs, and how far the scope reaches the record (own/child: writable; shared: read-only; other:
invisible; a system administrator: everything) — and each cell is asserted by requests to the
admin's own views (change page, list, add and delete pages, status buttons, export, import
preview), never by calling the selector. A new model or role adds a row here, not code.

Relations, for a user member of KV II (Học viện Chính trị khu vực II, under HV):
- own: the record of KV II; child: of a unit of KV II;
- shared: another organisation's record naming KV II (an agreement led by KV IV with KV II a
  member party, an event of the province board with a KV II connection site), or, for records
  that have an "above" rule, one of HV, over KV II (read-only);
- other: KV IV's, not naming KV II.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.test.client import ClientHandler
from django.urls import reverse

from agreements.models import Agreement, AgreementStatus, Task
from committees.models import (
    Decision,
    Organization,
    OrganizationKind,
    Person,
    Position,
    SteeringCommittee,
    Team,
)
from events.models import Event, EventFormat, EventStatus
from portal.exchange import registry
from portal.news.models import Article, ArticleStatus
from portal.roles import (
    CHIEF_EDITOR,
    EDITOR,
    LEADER,
    SECRETARIAT,
    SYSTEM_ADMINISTRATOR,
    Role,
    role_permissions,
)
from reports.models import Report, ReportStatus
from tests.admin_forms import admin_url, change_form_data
from tests.agreements.factories import AgreementFactory, TaskFactory
from tests.committees.factories import (
    DecisionFactory,
    OrganizationFactory,
    PersonFactory,
    PositionFactory,
    SteeringCommitteeFactory,
    TeamFactory,
)
from tests.events.factories import EventFactory, EventSiteFactory
from tests.exchange.admin_helpers import body, workbook
from tests.news.factories import draft_article
from tests.reports.factories import half_year_report
from tests.staff import in_role, member_of
from tests.two_factor import enrol, signed_in

pytestmark = pytest.mark.django_db

ROLES = (SYSTEM_ADMINISTRATOR, SECRETARIAT, EDITOR, CHIEF_EDITOR, LEADER)
RELATIONS = ("own", "child", "shared", "other")
ACTIONS = ("view", "add", "change", "delete", "transition", "export", "import")
WRITES = ("add", "change", "delete")

# What a cell expects.
ALLOWED = "allowed"  # done (or seen, or in the file)
READ_ONLY = "read-only"  # seen, but not changed
HIDDEN = "hidden"  # not found: the scope hides it
DENIED = "denied"  # 403: the role lacks the permission
REFUSED = "refused"  # the form or the import refuses it, nothing written
PROTECTED = "protected"  # others depend on it: the deletion is refused with the list of them


# --- The world -----------------------------------------------------------------------------------


@dataclass
class World:
    hv: Organization
    kv2: Organization
    unit: Organization
    kv4: Organization
    board: Organization
    users: dict[str, object]

    def org(self, relation: str) -> Organization:
        """The organisation owning a record of `relation`."""
        return {"own": self.kv2, "child": self.unit, "shared": self.kv4, "other": self.kv4}[relation]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The organisations and one user per role, member of KV II: made once for the module in a
    transaction rolled back at its end; each test runs in a savepoint of it."""
    building = transaction.atomic()
    with django_db_blocker.unblock():
        building.__enter__()
        try:
            hv = OrganizationFactory(
                name="Học viện Chính trị quốc gia Hồ Chí Minh", kind=OrganizationKind.NATIONAL_ACADEMY
            )
            kv2 = OrganizationFactory(name="Học viện Chính trị khu vực II", parent=hv)
            unit = OrganizationFactory(
                name="Viện Nghiên cứu khu vực II", kind=OrganizationKind.UNIT, parent=kv2
            )
            kv4 = OrganizationFactory(name="Học viện Chính trị khu vực IV", parent=hv)
            board = OrganizationFactory(
                name="Ban Tuyên giáo Tỉnh ủy Cà Mau", kind=OrganizationKind.PROPAGANDA_BOARD
            )
            users = {}
            for role in ROLES:
                user = get_user_model().objects.create_user(username=f"matrix-{role.key}", is_staff=True)
                users[role.key] = member_of(in_role(user, role), kv2)
            enrol(users[SYSTEM_ADMINISTRATOR.key])  # who manages accounts signs in with an app
            made = World(hv=hv, kv2=kv2, unit=unit, kv4=kv4, board=board, users=users)
        except BaseException:
            building.__exit__(None, None, None)
            raise
    yield made
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        building.__exit__(None, None, None)


# --- Records of each relation --------------------------------------------------------------------


def _organization(world: World, relation: str) -> Organization:
    if relation == "child":  # a fresh unit: nothing depends on it
        return OrganizationFactory(
            name="Phòng Đào tạo khu vực II", kind=OrganizationKind.UNIT, parent=world.kv2
        )
    return {"own": world.kv2, "shared": world.hv, "other": world.kv4}[relation]


def _person(world: World, relation: str) -> Person:
    person = PersonFactory(full_name=f"Trần Văn Ma Trận {relation}")
    if relation != "shared":  # a person holding no position is nobody's: common to all staff
        PositionFactory(person=person, organization=world.org(relation))
    return person


def _position(world: World, relation: str) -> Position:
    person = PersonFactory(full_name=f"Lê Thị Ma Trận {relation}")
    title = f"Chức vụ ma trận {relation}"
    return PositionFactory(person=person, organization=world.org(relation), title=title)


def _committee(world: World, relation: str) -> SteeringCommittee:
    # Shared: the committee of HV, above KV II (read-only).
    owner = world.hv if relation == "shared" else world.org(relation)
    return SteeringCommitteeFactory(organization=owner, name=f"Ban Chỉ đạo ma trận {relation}")


def _team(world: World, relation: str) -> Team:
    return TeamFactory(committee=_committee(world, relation), name=f"Tổ ma trận {relation}")


def _decision(world: World, relation: str) -> Decision:
    issuer = world.hv if relation == "shared" else world.org(relation)
    return DecisionFactory(
        title=f"Quyết định ma trận {relation}", issuer_committee=None, issuer_organization=issuer
    )


def _event(world: World, relation: str) -> Event:
    if relation == "shared":
        event = EventFactory(
            title="Hội nghị ma trận shared",
            host=world.board,
            status=EventStatus.DRAFT,
            format=EventFormat.ONLINE,
        )
        EventSiteFactory(event=event, organization=world.kv2)
        return event
    return EventFactory(
        title=f"Hội nghị ma trận {relation}", host=world.org(relation), status=EventStatus.DRAFT
    )


def _agreement(world: World, relation: str) -> Agreement:
    # Two parties at least; the first leads. The partner of the others is HV, which every
    # user of KV II may name (above theirs): the province board is outside their choices.
    lead = world.kv4 if relation == "shared" else world.org(relation)
    member = world.kv2 if relation == "shared" else world.hv
    return AgreementFactory(
        title=f"Quy chế ma trận {relation}", number=f"MT-{relation}", parties=[lead, member]
    )


def _task(world: World, relation: str) -> Task:
    return TaskFactory(agreement=_agreement(world, relation), title=f"Nhiệm vụ ma trận {relation}")


def _report(world: World, relation: str) -> Report:
    return half_year_report(title=f"Báo cáo ma trận {relation}", organization=world.org(relation))


def _article(world: World, relation: str) -> Article:
    return draft_article(title=f"Bài viết ma trận {relation}", source_organization=world.org(relation))


@dataclass(frozen=True)
class Transition:
    url: str  # the admin URL name's suffix: "<app>_<model>_<url>", with (pk, name)
    name: str
    permission: str
    before: str
    after: str


@dataclass(frozen=True)
class Subject:
    """A scoped model of the matrix."""

    model: type
    make: Callable[[World, str], object]
    marker: str  # the field naming the record in lists and files
    edit: str  # a text field the change form and the import change
    transition: Transition | None = None
    # How far a user of KV II reaches the "shared" record when not the plain read-only share.
    shared_reach: str = "read"
    relations: tuple[str, ...] = RELATIONS
    # Relations whose record others depend on: its deletion is refused (PROTECT).
    protected: tuple[str, ...] = ()
    # Whether a copy (the add action) keeps the record's inline rows (the positions making a
    # person someone's, an agreement's parties); without, its inlines are posted empty.
    copy_rows: tuple[str, ...] = ()
    # The permission the admin asks to see the list and its pages, when not the model's own.
    view_permission: str | None = None
    # False: the admin's pages only show the records (written elsewhere); adding, changing and
    # deleting are refused to every role, before the record is looked up: asserted on "own" only.
    written_here: bool = True

    @property
    def key(self) -> str:
        return self.model._meta.model_name

    def perm(self, action: str) -> str:
        return f"{self.model._meta.app_label}.{action}_{self.key}"


SUBJECTS = (
    Subject(
        Organization,
        _organization,
        marker="name",
        edit="description",
        # KV II has its staff and its unit, HV its academies.
        protected=("own", "shared"),
    ),
    # A person without a position is common to all staff (Rule unattached="write"): writable.
    Subject(Person, _person, marker="full_name", edit="bio", shared_reach="write", copy_rows=("positions",)),
    # A position's only text is its title as written: it names the record and is what is edited.
    Subject(Position, _position, marker="title", edit="title", relations=("own", "child", "other")),
    Subject(SteeringCommittee, _committee, marker="name", edit="description"),
    Subject(Team, _team, marker="name", edit="description"),
    Subject(Decision, _decision, marker="title", edit="summary"),
    Subject(
        Event,
        _event,
        marker="title",
        edit="summary",
        copy_rows=("sites",),  # an online event has its connection sites
        transition=Transition(
            "status", "publish", "events.publish_event", EventStatus.DRAFT, EventStatus.PUBLISHED
        ),
    ),
    Subject(
        Agreement,
        _agreement,
        marker="title",
        edit="summary",
        copy_rows=("parties",),
        transition=Transition(
            "transition",
            "bring_into_force",
            "agreements.change_agreement",
            AgreementStatus.DRAFT,
            AgreementStatus.IN_FORCE,
        ),
    ),
    # The tasks of every agreement, listed for the dashboard; written on their agreement's page.
    Subject(
        Task,
        _task,
        marker="title",
        edit="title",
        view_permission="agreements.view_agreement",  # whoever may see agreements sees them
        written_here=False,
    ),
    Subject(
        Report,
        _report,
        marker="title",
        edit="author_unit",
        transition=Transition(
            "workflow", "submit", "reports.change_report", ReportStatus.DRAFT, ReportStatus.SUBMITTED
        ),
        relations=("own", "child", "other"),  # reports are shared with nobody
    ),
    Subject(
        Article,
        _article,
        marker="title",
        edit="lead",
        transition=Transition(
            "workflow", "submit", "news.submit_article", ArticleStatus.DRAFT, ArticleStatus.SUBMITTED
        ),
        relations=("own", "child", "other"),  # articles are shared with nobody
    ),
)

# Cells whose behaviour is built on another branch: (role, model, action, relation) → reason.
AWAITED: dict[tuple[str, str, str, str], str] = {}


def awaiting(reason: str, role: Role, model: str, action: str, *relations: str) -> None:
    for relation in relations:
        AWAITED[(role.key, model, action, relation)] = reason


# Cells awaiting a behaviour not built yet, each a strict xfail with its reason:
# awaiting("reason", ROLE, "model", "action", "relation", …). None today.


# --- The expectations ------------------------------------------------------------------------------


def holds(role: Role, permission: str) -> bool:
    """Whether the roles table gives `role` the permission "app.codename"."""
    app_label, codename = permission.split(".")
    return bool(role_permissions(role, [(0, app_label, codename)]))


def needs(subject: Subject, action: str) -> tuple[str, ...]:
    """The permissions an action needs, all of them."""
    view = subject.view_permission or subject.perm("view")
    if action == "view":
        return (view,)
    if action == "transition":
        assert subject.transition is not None
        return (subject.transition.permission,)
    if action == "export":
        return (subject.perm("export"), view)
    if action == "import":
        return (subject.perm("import"), subject.perm("change"))
    return (subject.perm(action),)


def reach(role: Role, subject: Subject, relation: str) -> str:
    """How far the scope reaches the record: "write", "read" or "none"."""
    if holds(role, "committees.view_all_organizations") or relation in ("own", "child"):
        return "write"
    return subject.shared_reach if relation == "shared" else "none"


def expected(role: Role, subject: Subject, action: str, relation: str) -> str:
    """The outcome of a cell, from the role's permissions and the scope's reach alone."""
    if action in WRITES and not subject.written_here:
        return DENIED
    if not all(holds(role, permission) for permission in needs(subject, action)):
        return DENIED
    scope = reach(role, subject, relation)
    if action in ("view", "export"):
        return HIDDEN if scope == "none" else ALLOWED
    if action == "add":  # a copy of the record: the user may make it only where it is theirs
        return ALLOWED if scope == "write" else REFUSED
    if action == "import":  # a row naming the record: refused unless it may be written
        return ALLOWED if scope == "write" else REFUSED
    if scope == "none":
        return HIDDEN
    if scope == "read":
        return READ_ONLY
    if action == "delete" and relation in subject.protected:
        return PROTECTED
    return ALLOWED


def applies(subject: Subject, action: str, relation: str) -> bool:
    if relation not in subject.relations:
        return False
    if action in WRITES and not subject.written_here:
        return relation == "own"
    if action == "transition":
        return subject.transition is not None
    if action == "import":
        return registry.is_importable(subject.model)
    return True


def cells():
    for subject in SUBJECTS:
        for role in ROLES:
            for action in ACTIONS:
                for relation in RELATIONS:
                    if not applies(subject, action, relation):
                        continue
                    outcome = expected(role, subject, action, relation)
                    key = (role.key, subject.key, action, relation)
                    marks = ()
                    if key in AWAITED:
                        marks = (pytest.mark.xfail(strict=True, reason=AWAITED[key]),)
                    yield pytest.param(
                        role, subject, action, relation, outcome, id="-".join(key), marks=marks
                    )


# --- Doing each action through the admin -----------------------------------------------------------


# One request handler for the module's clients, as a server keeps one: a client's own loads the
# middleware at its first request, WhiteNoise reading the headers of every static file (60 ms, for
# each of some 1,600 clients).
HANDLER = ClientHandler(enforce_csrf_checks=False)


def client_of(world: World, role: Role) -> Client:
    client = Client()
    client.handler = HANDLER
    return signed_in(world.users[role.key], client)


def stored(obj):
    return type(obj)._default_manager.filter(pk=obj.pk).first()


def form_of(world: World, obj) -> dict:
    """The change form of `obj` as the system administrator's browser would post it back."""
    response = client_of(world, SYSTEM_ADMINISTRATOR).get(admin_url(type(obj), "change", obj.pk))
    assert response.status_code == 200
    return change_form_data(response)


def not_found(response) -> bool:
    """The admin's answer for a record outside the user's reach: back to the index, or 404."""
    return response.status_code == 404 or (
        response.status_code == 302 and response["Location"] == reverse("admin:index")
    )


def do_view(client, world, subject, obj, outcome):
    response = client.get(admin_url(subject.model, "change", obj.pk))
    listed = client.get(admin_url(subject.model, "changelist"))
    change_url = admin_url(subject.model, "change", obj.pk)
    if outcome == DENIED:
        assert response.status_code == 403
        assert listed.status_code == 403
    elif outcome == HIDDEN:
        assert not_found(response)
        assert listed.status_code == 200
        assert change_url not in listed.content.decode()
    else:
        assert response.status_code == 200
        assert change_url in listed.content.decode()


def do_change(client, world, subject, obj, outcome):
    data = form_of(world, obj) | {subject.edit: "Sửa qua ma trận"}
    response = client.post(admin_url(subject.model, "change", obj.pk), data)
    value = getattr(stored(obj), subject.edit)
    if outcome == ALLOWED:
        assert response.status_code == 302, _errors(response)
        assert value == "Sửa qua ma trận"
        return
    assert value != "Sửa qua ma trận"
    if outcome in (DENIED, READ_ONLY):
        assert response.status_code == 403
    else:
        assert not_found(response)


def do_delete(client, world, subject, obj, outcome):
    response = client.post(admin_url(subject.model, "delete", obj.pk), {"post": "yes"})
    if outcome == ALLOWED:
        assert response.status_code == 302
        assert stored(obj) is None
        return
    assert stored(obj) is not None
    if outcome == PROTECTED:
        assert response.status_code == 200
        assert response.context["protected"]
    elif outcome in (DENIED, READ_ONLY):
        assert response.status_code == 403
    else:
        assert not_found(response)


def do_add(client, world, subject, obj, outcome):
    """A copy of the record posted to the add page: its owner is the record's."""
    data = form_of(world, obj)
    if subject.model is Organization:
        # An organisation's place is itself: the copy goes under it (a new unit), which a
        # secretariat may do under theirs only.
        data["parent"] = str(obj.pk)
    new_marker = f"{getattr(obj, subject.marker)} (bản sao)"
    data[subject.marker] = new_marker
    for name in ("slug", "number"):
        if data.get(name):
            data[name] = f"{data[name]}-sao"
    if data.get("period_year"):  # one report per organisation and period
        data["period_year"] = str(int(data["period_year"]) + 1)
    for total in [name for name in data if name.endswith("-TOTAL_FORMS")]:
        prefix = total.removesuffix("-TOTAL_FORMS")
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        if prefix not in subject.copy_rows:
            data[total] = "0"
        for key in [key for key in data if key.startswith(f"{prefix}-")]:
            if key.endswith(("-id", "-DELETE", f"-{subject.key}")):
                data[key] = ""
    response = client.post(admin_url(subject.model, "add"), data)
    made = subject.model._default_manager.filter(**{subject.marker: new_marker})
    if outcome == ALLOWED:
        assert response.status_code == 302, _errors(response)
        assert made.count() == 1
        return
    assert not made.exists()
    if outcome == DENIED:
        assert response.status_code == 403
    else:
        assert response.status_code == 200


def do_transition(client, world, subject, obj, outcome):
    move = subject.transition
    url = reverse(f"admin:{subject.model._meta.app_label}_{subject.key}_{move.url}", args=[obj.pk, move.name])
    response = client.post(url)
    status = stored(obj).status
    if outcome == ALLOWED:
        assert response.status_code == 302
        assert status == move.after
        return
    assert status == move.before
    if outcome == HIDDEN:
        assert not_found(response)
    elif response.status_code != 403 and not not_found(response):
        # Refused by the service (the permission, the scope): back to the page, saying why.
        assert response.status_code == 302
        assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error"]


def do_export(client, world, subject, obj, outcome):
    response = client.post(admin_url(subject.model, "export"), {"file_format": "csv"})
    if outcome == DENIED:
        assert response.status_code == 403
        return
    assert response.status_code == 200
    content = body(response).decode("utf-8-sig")
    assert (getattr(obj, subject.marker) in content) is (outcome == ALLOWED)


def do_import(client, world, subject, obj, outcome):
    """The preview of a one-row file changing the record's text field."""
    resource = registry.entry_for(subject.model).resource()
    headers = resource.export_headers()
    row = next(resource.export_rows(subject.model._default_manager.filter(pk=obj.pk)))
    column = next(str(f.column_name) for f in resource.get_export_fields() if f.attribute == subject.edit)
    row[headers.index(column)] = "Sửa qua bảng tính"
    upload = SimpleUploadedFile("ma-tran.xlsx", workbook(headers, row))
    response = client.post(
        admin_url(subject.model, "import"), {"import_file": upload, "resource": "0", "format": ""}
    )
    assert getattr(stored(obj), subject.edit) != "Sửa qua bảng tính"
    if outcome == DENIED:
        assert response.status_code == 403
        return
    assert response.status_code == 200
    kinds = [r["kind"] for r in response.context["preview"]["rows"]]
    assert kinds == (["update"] if outcome == ALLOWED else ["invalid"])


def _errors(response) -> object:
    context = getattr(response, "context", None)
    if context and "adminform" in context:
        formsets = [f.formset for f in context["inline_admin_formsets"]]
        return context["adminform"].form.errors, [(f.errors, f.non_form_errors()) for f in formsets]
    return response.status_code


DO = {
    "view": do_view,
    "add": do_add,
    "change": do_change,
    "delete": do_delete,
    "transition": do_transition,
    "export": do_export,
    "import": do_import,
}


@pytest.mark.parametrize(("role", "subject", "action", "relation", "outcome"), list(cells()))
def test_matrix(world, role, subject, action, relation, outcome):
    obj = subject.make(world, relation)
    DO[action](client_of(world, role), world, subject, obj, outcome)


# --- The table itself ---------------------------------------------------------------------------------


def test_every_scoped_model_with_an_admin_page_staff_use_is_in_the_matrix_or_an_inline():
    """A model added to the scoping rules with an admin of its own comes here too (or is named)."""
    from django.contrib import admin

    from portal.scoping import RULES

    covered = {subject.model._meta.label_lower for subject in SUBJECTS}
    registered = {model._meta.label_lower for model in admin.site._registry}
    left = sorted(label for label in RULES if label in registered and label not in covered)
    assert left == NOT_IN_MATRIX


# Scoped models with an admin page not (yet) in the matrix: their owners' records reach them
# (a milestone through its agreement, feedback through its article) but their own pages are
# not asserted here yet. Add a Subject and remove the name.
NOT_IN_MATRIX = [
    # A read-only list whose rows link to their agreement, not to a page of the milestone's
    # own, and show no text of the milestone: `do_view` has no row to find. Its scope is the
    # agreement's (the rule of tasks, asserted above).
    "agreements.milestone",
    "news.articlefeedback",
    "reports.summary",
    "reports.summaryjob",
]
