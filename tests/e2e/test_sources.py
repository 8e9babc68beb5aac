"""A secretary cites a source for a speech and an organisation in the admin, on a laptop's screen."""

import os
import tempfile
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission, User
from django.db.models import Q

from portal.sources.selectors import citations_for
from tests.committees.factories import OrganizationFactory
from tests.e2e.conftest import DESKTOP
from tests.e2e.test_committees import choose_in_autocomplete
from tests.events.factories import SpeechFactory
from tests.sources.factories import web_source
from tests.staff import sees_everything

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "mat-khau-thu-ky-2025"
# Screenshots to look at (/tmp/shots unless SHOTS_DIR says otherwise).
SHOTS = Path(os.environ.get("SHOTS_DIR") or Path(tempfile.gettempdir()) / "shots")


@pytest.fixture
def secretary():
    user = User.objects.create_user("thuky", password=PASSWORD, is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            Q(content_type__app_label="sources")
            | Q(
                content_type__app_label__in=["committees", "events"],
                codename__in=[
                    "view_organization",
                    "change_organization",
                    "view_event",
                    "view_speech",
                    "change_speech",
                    "change_event",
                    "view_person",
                ],
            )
        )
    )
    return user


def log_in(page, live_server):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "thuky")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")


def overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def test_a_secretary_cites_sources_for_an_organisation_and_a_speech(live_server, open_page, secretary):
    organization = OrganizationFactory(name="Học viện Chính trị khu vực IV")
    speech = SpeechFactory()
    # The journey is about citing sources, not about whose records they are.
    sees_everything(secretary)
    web_source(title="Hội nghị sơ kết Quy chế phối hợp")
    SHOTS.mkdir(exist_ok=True)
    page = open_page(DESKTOP)
    log_in(page, live_server)

    page.goto(f"{live_server.url}/admin/committees/organization/{organization.pk}/change/")
    page.click("#sources-citation-subject_type-subject_id-group .add-row a")
    choose_in_autocomplete(
        page, "id_sources-citation-subject_type-subject_id-0-source", "sơ kết", "Hội nghị sơ kết"
    )
    page.fill("#id_sources-citation-subject_type-subject_id-0-note", "tên và cấp")
    assert overflow(page) == 0
    page.screenshot(path=SHOTS / "sources-organization.png", full_page=True)
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    assert [(c.source.title, c.note) for c in citations_for(organization)] == [
        ("Hội nghị sơ kết Quy chế phối hợp", "tên và cấp")
    ]

    page.goto(f"{live_server.url}/admin/events/event/{speech.event.pk}/change/")
    assert overflow(page) == 0
    page.click("text=Thêm nguồn")
    choose_in_autocomplete(page, "id_source", "Quy chế", "Hội nghị sơ kết")
    page.screenshot(path=SHOTS / "sources-speech-citation.png", full_page=True)
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    assert [c.source.title for c in citations_for(speech)] == ["Hội nghị sơ kết Quy chế phối hợp"]
