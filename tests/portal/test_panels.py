"""The door through which a higher app shows its records on a lower app's page (portal/panels.py)."""

import ast
import re
from pathlib import Path

import pytest

from portal import panels
from tests.agreements.factories import agreement_in_force
from tests.committees.factories import DecisionFactory, OrganizationFactory, PersonFactory
from tests.events.factories import EventFactory, SpeechFactory

ROOT = Path(__file__).resolve().parents[2]

# Each app, and the apps above it that it must never import nor load template tags of.
LAYERS = {
    "committees": ("events", "agreements", "reports", "portal.news"),
    "events": ("agreements", "reports", "portal.news"),
    "agreements": ("reports", "portal.news"),
}


@pytest.fixture
def no_panels(monkeypatch):
    """The registry as it would be with no app above the registry installed."""
    monkeypatch.setattr(panels, "REGISTRY", {})


@pytest.fixture
def organization(db):
    organization = OrganizationFactory(name="Học viện Chính trị khu vực IV")
    EventFactory(title="Hội thảo bảo vệ nền tảng tư tưởng", host=organization)
    agreement_in_force(parties=[organization, OrganizationFactory()], title="Quy chế phối hợp 2020")
    return organization


def test_the_organisation_page_shows_the_events_and_agreements_panels(
    client, organization, django_assert_num_queries
):
    # The page's own seven queries and its sources, then one for each panel (events, agreements,
    # news).
    with django_assert_num_queries(8 + 3):
        page = client.get(organization.get_absolute_url()).content.decode()

    assert "Hội thảo bảo vệ nền tảng tư tưởng" in page
    assert "Quy chế phối hợp 2020" in page


def test_the_organisation_page_renders_without_the_higher_apps_panels(
    client, organization, no_panels, django_assert_num_queries
):
    # Three queries fewer than with the panels: the events', the agreements' and the news'.
    with django_assert_num_queries(7 + 1):  # + 1: the sources
        response = client.get(organization.get_absolute_url())

    assert response.status_code == 200
    page = response.content.decode()
    assert "Học viện Chính trị khu vực IV" in page
    assert "Hội thảo bảo vệ nền tảng tư tưởng" not in page
    assert "Quy chế phối hợp 2020" not in page


def test_the_person_decision_and_event_pages_render_without_panels(client, db, no_panels):
    speech = SpeechFactory()
    decision = DecisionFactory()
    pages = [speech.person.get_absolute_url(), decision.get_absolute_url(), speech.event.get_absolute_url()]

    assert [client.get(url).status_code for url in pages] == [200, 200, 200]
    assert speech.event.title not in client.get(speech.person.get_absolute_url()).content.decode()


def test_panels_render_in_their_order_with_their_own_context(client, db, no_panels, tmp_path, settings):
    person = PersonFactory(full_name="Nguyễn Văn Hùng")
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], tmp_path]}, *settings.TEMPLATES[1:]]
    (tmp_path / "_panel.html").write_text(
        "<p class=panel>{{ label }}: {{ person.full_name }} {{ today }}</p>"
    )
    panels.register(
        panels.PERSON, "second", template="_panel.html", context=lambda p: {"label": "B", "person": p}
    )
    panels.register(
        panels.PERSON,
        "first",
        template="_panel.html",
        context=lambda p: {"label": "A", "person": p},
        order=10,
    )
    panels.register(
        panels.PERSON, "second", template="_panel.html", context=lambda p: {"label": "C", "person": p}
    )

    page = client.get(person.get_absolute_url()).content.decode()

    # Registered again under its name, a panel replaces the former one; the page's own
    # variables (`today`) do not leak into a panel.
    assert re.findall(r"<p class=panel>(.*?)</p>", page) == ["A: Nguyễn Văn Hùng ", "C: Nguyễn Văn Hùng "]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("app", LAYERS)
def test_a_lower_app_never_imports_a_higher_one(app):
    higher = LAYERS[app]
    offending = {
        f"{path.relative_to(ROOT)}: {module}"
        for path in (ROOT / app).rglob("*.py")
        for module in imported_modules(path)
        if any(module == name or module.startswith(f"{name}.") for name in higher)
    }
    assert offending == set()


@pytest.mark.parametrize("app", LAYERS)
def test_a_lower_apps_templates_load_no_tags_of_a_higher_one(app):
    higher_libraries = {f"{name.rsplit('.', 1)[-1]}_tags" for name in LAYERS[app]}
    loaded = {
        f"{path.relative_to(ROOT)}: {library}"
        for path in (ROOT / "templates" / app).rglob("*.html")
        for line in re.findall(r"{%\s*load\s+([^%]*)%}", path.read_text())
        for library in line.split()
        if library in higher_libraries
    }
    assert loaded == set()
