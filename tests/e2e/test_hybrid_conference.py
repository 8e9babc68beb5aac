"""The secretariat enters a whole hybrid conference in one save, on a 1,366 × 768 laptop: two
sites typed in the form, named attendees at each (chosen among the sites before any save),
three speeches and an award, with no horizontal scrolling; the public page then shows it."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from events.models import Event, EventFormat
from tests.browser import LAPTOP
from tests.e2e.test_committees import choose_in_autocomplete
from tests.e2e.test_events import log_in, registry, secretariat_user  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db(transaction=True)

NEW_SITE = "{} (vừa thêm, chưa lưu)"
PUBLISH = re.compile("công bố|xuất bản", re.IGNORECASE)
OVERFLOW = "document.scrollingElement.scrollWidth - window.innerWidth"


def add_row(page, prefix: str) -> None:
    page.click(f"#{prefix}-group .add-row a")


def publish_if_drafts_exist(page) -> None:
    """Events may start as drafts (a publication state, another change of issue 14): publish
    through the change form's button if there is one, as the secretariat would. A button named
    _publish, or one of the object tools' or submit row's buttons saying "publish"."""
    button = page.locator("button[name=_publish], input[name=_publish]").or_(
        page.locator(".object-tools button, .submit-row button").filter(has_text=PUBLISH)
    )
    if button.count():
        button.first.click()
        page.wait_for_load_state()


def test_secretariat_enters_a_hybrid_conference_with_two_sites_attendees_speeches_and_an_award_in_one_save(
    live_server,
    open_page,
    secretariat_user,  # noqa: F811
    registry,  # noqa: F811
):
    page = open_page(LAPTOP)
    log_in(page, live_server, secretariat_user)
    page.goto(f"{live_server.url}/admin/events/event/add/")

    page.fill(
        "#id_title",
        "Hội nghị trực tuyến kết hợp trực tiếp tổng kết công tác bảo vệ nền tảng tư tưởng của Đảng",
    )
    page.select_option("#id_kind", "conference")
    page.select_option("#id_format", EventFormat.HYBRID)
    page.fill("#id_start_date", "30/08/2021")
    page.fill("#id_start_time", "08:00")
    # Typed without marks, as on any keyboard.
    choose_in_autocomplete(page, "id_host", "hoc vien khu vuc iv", "Học viện Chính trị khu vực IV")

    national, regional = "Học viện Chính trị quốc gia Hồ Chí Minh", "Học viện Chính trị khu vực IV"
    choose_in_autocomplete(page, "id_sites-0-organization", "quoc gia", national)
    page.check("#id_sites-0-is_main")
    add_row(page, "sites")
    choose_in_autocomplete(page, "id_sites-1-organization", "khu vuc iv", regional)
    page.fill("#id_sites-1-place", "Cần Thơ")

    attendees = [("Khanh", "TS Phan Công Khanh", regional), ("Lợi", "PGS, TS Lê Văn Lợi", national)]
    attendees.append(("Quang", "NGƯT, TS Huỳnh Thanh Quang", regional))
    for index, (typed, shown, site) in enumerate(attendees):
        add_row(page, "attendees")
        choose_in_autocomplete(page, f"id_attendees-{index}-person", typed, shown)
        label = NEW_SITE.format(site + (" — Cần Thơ" if site == regional else ""))
        page.select_option(f"#id_attendees-{index}-site", label=label)
        page.fill(f"#id_attendees-{index}-order", str(index))

    speeches = [("opening", "Khanh", "TS Phan Công Khanh"), ("report", "Quang", "NGƯT, TS Huỳnh Thanh Quang")]
    speeches.append(("directive", "Lợi", "PGS, TS Lê Văn Lợi"))
    for index, (role, typed, shown) in enumerate(speeches):
        if index:
            add_row(page, "speeches")
        page.fill(f"#id_speeches-{index}-order", str(index + 1))
        page.select_option(f"#id_speeches-{index}-role", role)
        choose_in_autocomplete(page, f"id_speeches-{index}-person", typed, shown)
    expect(page.locator("label[for=id_speeches-0-role]")).to_have_text("Vai trò:")

    add_row(page, "awards")
    choose_in_autocomplete(
        page, "id_awards-0-recipient_person", "huynh thanh quang", "NGƯT, TS Huỳnh Thanh Quang"
    )
    page.fill(
        "#id_awards-0-reason", "Có thành tích xuất sắc trong công tác bảo vệ nền tảng tư tưởng của Đảng"
    )

    assert page.evaluate(OVERFLOW) <= 0, "the filled form scrolls sideways"
    if folder := os.environ.get("SCREENSHOT_DIR"):  # to look at the form, never kept in git
        page.screenshot(path=str(Path(folder) / "hybrid-conference-form.png"), full_page=True)
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_have_count(1)
    # Measured once the reloaded page's scripts have laid out its boxes (under load the first
    # frame, before the autocomplete boxes take their width, can be wider for a moment).
    page.wait_for_load_state("load")
    page.wait_for_function(f"{OVERFLOW} <= 0", timeout=10_000)

    event = Event.objects.get()
    assert event.format == EventFormat.HYBRID
    assert list(event.sites.order_by("pk").values_list("organization__name", "place", "is_main")) == [
        (national, "", True),
        (regional, "Cần Thơ", False),
    ]
    assert list(
        event.attendees.order_by("order").values_list("person__full_name", "site__organization__name")
    ) == [
        ("Phan Công Khanh", regional),
        ("Lê Văn Lợi", national),
        ("Huỳnh Thanh Quang", regional),
    ]
    assert list(event.speeches.order_by("order").values_list("role", "person__full_name")) == [
        ("opening", "Phan Công Khanh"),
        ("report", "Huỳnh Thanh Quang"),
        ("directive", "Lê Văn Lợi"),
    ]
    assert list(event.awards.values_list("recipient_person__full_name", flat=True)) == ["Huỳnh Thanh Quang"]

    publish_if_drafts_exist(page)
    reader = open_page(LAPTOP)
    response = reader.goto(f"{live_server.url}{event.get_absolute_url()}")
    assert response.status == 200
    main = reader.locator("main")
    expect(main).to_contain_text("Cần Thơ")
    expect(main).to_contain_text("TS Phan Công Khanh, Giám đốc Học viện Chính trị khu vực IV")
    expect(main).to_contain_text("PGS, TS Lê Văn Lợi, Phó Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh")
    expect(main).to_contain_text("Có thành tích xuất sắc trong công tác bảo vệ nền tảng tư tưởng của Đảng")
    assert reader.evaluate(OVERFLOW) <= 0
    assert page.errors == reader.errors == []
