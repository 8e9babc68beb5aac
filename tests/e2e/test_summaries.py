"""A leader starts a six-month summary from the admin, watches it being assembled, downloads it.

The job runs as in production: the page's request queues it on Redis, a real Celery worker
(the `redis_worker` fixture, a thread of this process) assembles it while the browser polls
its progress every second. Assembling a handful of records takes milliseconds, faster than
any poll; so that the test can see the bar move, each published step of the worker is held
for a moment (`steps_held`), which changes when the steps are seen, not what they are.
"""

import datetime as dt
import io
import os
import time
from pathlib import Path

import openpyxl
import pytest
from django.contrib.auth.models import Permission, User
from playwright.sync_api import expect

from committees.models import OrganizationKind
from events.models import EventKind, EventLevel
from reports.models import Summary, SummaryJob, SummaryJobStatus
from reports.services import summaries as summary_services
from tests.browser import LAPTOP
from tests.committees.factories import OrganizationFactory
from tests.e2e.test_committees import choose_in_autocomplete
from tests.e2e.test_events import log_in
from tests.events.factories import EventFactory
from tests.staff import member_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.celery_worker]

# How long the worker holds each step it publishes while assembling: several polls of the page.
STEP_SECONDS = 1.5
# Set to a folder to keep screenshots of each page at 1,366×768 (under /tmp, never in the repository).
SCREENSHOTS = os.environ.get("SUMMARY_SCREENSHOTS")


@pytest.fixture
def leader(academy):
    user = User.objects.create_user("lanhdao", password="mat-khau-thu-ky-2025", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            codename__in=["view_summary", "add_summary", "view_summaryjob", "view_organization"]
        )
    )
    # A leader of the academy: its summaries are theirs to make (portal/scoping.py).
    return member_of(user, academy)


@pytest.fixture
def academy():
    academy = OrganizationFactory(
        name="Học viện Chính trị khu vực II", kind=OrganizationKind.REGIONAL_ACADEMY
    )
    EventFactory(
        host=academy,
        title="Hội thảo khoa học cấp Bộ về bảo vệ nền tảng tư tưởng của Đảng",
        start_date=dt.date(2021, 5, 13),
        kind=EventKind.WORKSHOP,
        level=EventLevel.MINISTRY,
    )
    EventFactory(host=academy, title="Hội nghị sơ kết 6 tháng", start_date=dt.date(2021, 6, 20))
    return academy


@pytest.fixture
def steps_held(monkeypatch):
    """Each progress step the worker publishes while running is held STEP_SECONDS."""
    publish = summary_services._publish

    def held(job_id, state):
        publish(job_id, state)
        if state.get("status") == SummaryJobStatus.RUNNING and 0 < (state.get("percent") or 0) < 100:
            time.sleep(STEP_SECONDS)

    monkeypatch.setattr(summary_services, "_publish", held)


def fits_the_laptop(page, name: str) -> None:
    """The page needs no sideways scrolling on the secretariat's 1,366×768 laptops."""
    assert page.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"], name
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"))


def test_a_leader_starts_a_six_month_summary_watches_it_and_downloads_it(
    live_server, open_page, redis_worker, steps_held, leader, academy
):
    page = open_page(LAPTOP)
    log_in(page, live_server, leader)
    page.goto(f"{live_server.url}/admin/reports/summary/")
    page.click("#summary-start")
    expect(page.locator("h1")).to_have_text("Tổng hợp mới")

    page.check("input[name=scope_kind][value=organization]")
    expect(page.locator(".field-region")).to_be_hidden()
    choose_in_autocomplete(page, "id_organization", "khu vực II", "Học viện Chính trị khu vực II")
    page.check("input[name=period_kind][value=half]")
    expect(page.locator(".field-start")).to_be_hidden()
    page.fill("#id_year", "2021")
    page.select_option("#id_half", "1")
    fits_the_laptop(page, "start")
    page.click("input[type=submit]")

    page.wait_for_url(f"{live_server.url}/admin/reports/summary/jobs/*/")
    bar = page.locator("#summary-progress")
    fits_the_laptop(page, "job-running")
    # The bar moves through the worker's steps while the page polls: seen between 0 and 100.
    seen = set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        value = int(bar.get_attribute("value") or 0)
        seen.add(value)
        if value == 100 or page.locator("[data-done]").is_visible():
            break
        page.wait_for_timeout(200)
    steps = sorted(value for value in seen if 0 < value < 100)
    assert len(steps) >= 3, f"the bar showed {sorted(seen)}: not the worker's steps"
    expect(page.locator("[data-done]")).to_be_visible(timeout=30_000)
    expect(bar).to_have_attribute("value", "100")
    expect(page.locator("[data-percent]")).to_have_text("100%")
    expect(page.locator("[data-failed]")).to_be_hidden()
    fits_the_laptop(page, "job-done")

    job = SummaryJob.objects.get()
    summary = Summary.objects.get()
    assert (job.status, job.summary_id, job.requested_by_id) == (SummaryJobStatus.DONE, summary.pk, leader.pk)
    assert (summary.period_start, summary.period_end, summary.scope_key) == (
        dt.date(2021, 1, 1),
        dt.date(2021, 6, 30),
        f"org:{academy.pk}",
    )

    with page.expect_download() as download:
        page.click("[data-workbook]")
    workbook = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert workbook.sheetnames[0] == "Tổng hợp"

    printable = page.locator("[data-print]").get_attribute("href")
    response = page.goto(f"{live_server.url}{printable}")
    assert response.status == 200
    expect(page.locator("h1")).to_contain_text(summary.title)

    page.goto(f"{live_server.url}/admin/reports/summary/")
    expect(page.locator("#result_list a.summary-workbook")).to_have_count(1)
    fits_the_laptop(page, "summary-list")
    page.goto(f"{live_server.url}/admin/reports/summaryjob/")
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    fits_the_laptop(page, "job-list")
    assert page.errors == []


def test_the_leaders_dashboard_fits_the_laptop_screen(live_server, open_page, leader, academy):
    page = open_page(LAPTOP)
    log_in(page, live_server, leader)
    page.goto(f"{live_server.url}/admin/")
    page.click("a[href='/admin/reports/dashboard/']")
    expect(page.locator("h1")).to_have_text("Bảng điều hành lãnh đạo")
    page.check("input[name=scope_kind][value=organization]")
    choose_in_autocomplete(page, "id_organization", "khu vực II", "Học viện Chính trị khu vực II")
    page.select_option("#id_period_kind", "half")
    page.fill("#id_year", "2021")
    page.select_option("#id_half", "1")
    page.click("#dashboard-form input[type=submit]")
    expect(page.locator("#dashboard-indicators tr[data-code='events.total'] td").first).to_have_text("2")
    expect(page.locator("#chart-events svg")).to_be_visible()
    fits_the_laptop(page, "dashboard")
    assert page.errors == []
