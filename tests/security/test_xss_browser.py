"""The XSS corpus, stored in the text fields staff fill and read back in Chromium under the
enforced Content-Security-Policy: on the public pages and in the admin, no payload runs, none
is even blocked by the policy (it was escaped before the browser saw it), and each reads as
the text that was typed.
"""

import datetime as dt

import pytest
from django.urls import reverse

from agreements.models import Agreement, AgreementKind, AgreementParty, PartyRole, Task
from committees.models import Decision, DecisionKind, Organization, Person, SteeringCommittee
from events.models import Event, EventSite, Speech
from tests.browser import LAPTOP, PHONE
from tests.security.xss import PAYLOADS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def stored_corpus() -> dict[str, list[str]]:
    """Each payload in the text fields of records that public pages and the admin show."""
    host = Organization.objects.create(
        name="Học viện Chính trị khu vực IV", slug="hv-kv-iv", kind="regional_academy"
    )
    committee = SteeringCommittee.objects.create(organization=host, name="Ban Chỉ đạo 35")
    urls = {
        "public": ["/su-kien/", "/to-chuc/", "/phoi-hop/", "/van-ban/", "/su-kien/lich/2021/8/"],
        "admin": [],
    }
    for index, payload in enumerate(PAYLOADS):
        organization = Organization.objects.create(
            name=payload, slug=f"to-chuc-{index}", kind="propaganda_board"
        )
        person = Person.objects.create(full_name=payload[:120], slug=f"nguoi-{index}")
        event = Event.objects.create(
            title=payload,
            slug=f"su-kien-{index}",
            kind="conference",
            format="online",
            status="published",
            start_date=dt.date(2021, 8, 25),
            host=host,
            summary=payload,
        )
        event.co_organizers.add(organization)
        EventSite.objects.create(
            event=event, organization=organization, place=payload, attendee_groups=payload
        )
        Speech.objects.create(
            event=event, person=person, order=1, role="report", title=payload, title_line=payload
        )
        decision = Decision.objects.create(
            number=f"{index}/QĐ",
            issued_on=dt.date(2021, 5, 13),
            issuer_committee=committee,
            kind=DecisionKind.values[0],
            title=payload,
            slug=f"quyet-dinh-{index}",
            summary=payload,
        )
        agreement = Agreement.objects.create(
            kind=AgreementKind.REGULATION,
            title=payload,
            slug=f"quy-che-{index}",
            summary=payload,
            status="in_force",
        )
        AgreementParty.objects.create(agreement=agreement, organization=host, role=PartyRole.LEAD, order=0)
        AgreementParty.objects.create(
            agreement=agreement, organization=organization, role=PartyRole.MEMBER, order=1
        )
        Task.objects.create(agreement=agreement, title=payload, order=1)
        urls["public"] += [
            event.get_absolute_url(),
            organization.get_absolute_url(),
            person.get_absolute_url(),
            decision.get_absolute_url(),
            agreement.get_absolute_url(),
        ]
        if index % 5 == 0:
            urls["admin"] += [
                reverse("admin:events_event_change", args=[event.pk]),
                reverse("admin:agreements_agreement_change", args=[agreement.pk]),
                reverse("admin:committees_organization_change", args=[organization.pk]),
            ]
    urls["admin"] += [
        reverse("admin:events_event_changelist"),
        reverse("admin:agreements_agreement_changelist"),
        reverse("admin:committees_organization_changelist") + "?q=script",
        reverse("admin:committees_person_changelist"),
        reverse("admin:committees_decision_changelist"),
        reverse("admin:agreements_task_changelist"),
    ]
    return urls


def visit(page, base: str, urls: list[str]) -> list[str]:
    """Open each page; return what ran or was blocked."""
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    ran = []
    for url in urls:
        response = page.goto(base + url)
        assert response.status == 200, url
        page.wait_for_timeout(50)
        if page.evaluate("window.__xss || 0"):
            ran.append(url)
    return ran + dialogs


def test_no_payload_runs_or_is_even_blocked_on_the_public_pages(live_server, open_page):
    urls = stored_corpus()["public"]
    page = open_page(PHONE)

    assert visit(page, live_server.url, urls) == []
    assert page.errors == []
    # Read back as typed: the event's heading is the payload, as text.
    page.goto(live_server.url + Event.objects.get(slug="su-kien-11").get_absolute_url())
    assert page.locator("h1").inner_text() == PAYLOADS[11]


def test_no_payload_runs_or_is_even_blocked_in_the_admin(live_server, open_page, admin_client, admin_user):
    urls = stored_corpus()["admin"]
    page = open_page(LAPTOP)
    session = admin_client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])

    assert visit(page, live_server.url, urls) == []
    assert page.errors == []
    page.goto(
        live_server.url + reverse("admin:events_event_change", args=[Event.objects.get(slug="su-kien-0").pk])
    )
    assert page.locator("#id_title").input_value() == PAYLOADS[0]
