"""Hostile or impossible input found by trying the portal as an attacker: each was a 500,
each is now a clear Vietnamese answer with nothing saved."""

import datetime as dt

import icalendar
import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.urls import reverse

from agreements.models import Agreement
from committees.models import Organization
from committees.services import organization_rename
from events.models import Event, EventDocument
from tests.admin_forms import change_form_data, management_forms
from tests.agreements.factories import AgreementFactory
from tests.committees.factories import OrganizationFactory, PersonFactory
from tests.events.factories import EVENT_INLINES, EventFactory
from tests.files import pdf_upload

pytestmark = pytest.mark.django_db

FILTER_DROPPED = "Bộ lọc trong địa chỉ trang không hợp lệ nên đã được bỏ đi."
BAD_REQUEST = "Yêu cầu không hợp lệ"


def inline_formset(response, prefix: str):
    return next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == prefix
    )


def event_data(host, **changes) -> dict:
    return {
        "title": "Hội nghị sơ kết",
        "slug": "",
        "kind": "conference",
        "purpose": "",
        "level": "",
        "format": "in_person",
        "start_date": "25/08/2021",
        "part_of_day": "",
        "start_time": "",
        "end_date": "",
        "end_time": "",
        "host": host,
        "summary": "",
        **management_forms(EVENT_INLINES),
    } | changes


@pytest.mark.parametrize("host", ["abc", "99999999999999999999999", "-1", "1.5", "１２"])
def test_an_event_form_with_a_host_that_is_not_a_key_is_shown_again_with_an_error(admin_client, host):
    response = admin_client.post(reverse("admin:events_event_add"), event_data(host))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["host"] == [
        "Hãy chọn một lựa chọn hợp lệ. Lựa chọn đó không phải là một trong các lựa chọn khả thi."
    ]
    assert Event.objects.count() == 0


@pytest.mark.parametrize(
    "query",
    [
        "signed_on__year=99999999999",
        "signed_on__year=9999",
        "signed_on__year=9999&signed_on__month=12",
        "signed_on__year=2024&signed_on__month=13",
        "signed_on__year=0",
        "signed_on__year=-5",
    ],
)
def test_a_date_filter_outside_the_calendar_brings_the_list_back_with_a_message(admin_client, query):
    AgreementFactory(title="Quy chế phối hợp khu vực Tây Nam Bộ")
    url = reverse("admin:agreements_agreement_changelist")

    response = admin_client.get(f"{url}?{query}", follow=True)

    assert response.redirect_chain == [(url, 302)]
    assert [str(message) for message in get_messages(response.wsgi_request)] == [FILTER_DROPPED]
    assert "Quy chế phối hợp khu vực Tây Nam Bộ" in response.content.decode()


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/admin/axes/accessfailurelog/", "attempt_time"),
        ("/admin/auth/user/", "date_joined"),
        ("/admin/events/event/", "start_date"),
        ("/admin/committees/organization/", "founded_on"),
    ],
)
def test_every_admin_list_drops_a_date_filter_outside_the_calendar(admin_client, url, field):
    """Found by Hypothesis: the sign-in records' lists were not built on the portal's admin, and
    Django lets the address filter any field of a model, not only the list's filters."""
    response = admin_client.get(f"{url}?{field}__year=2147483648", follow=True)

    assert response.status_code == 200
    assert [str(message) for message in get_messages(response.wsgi_request)] == [FILTER_DROPPED]


def test_a_key_past_64_bits_in_an_admin_list_address_drops_the_filter(admin_client):
    url = reverse("admin:agreements_milestone_changelist")

    response = admin_client.get(f"{url}?agreement__gt={2**63}", follow=True)

    assert response.status_code == 200
    if connection.vendor == "sqlite":  # SQLite cannot bind the number: the filter is dropped
        assert [str(message) for message in get_messages(response.wsgi_request)] == [FILTER_DROPPED]
    else:  # PostgreSQL compares it, and finds nothing
        assert response.context["cl"].result_count == 0


def test_a_date_filter_inside_the_calendar_still_filters(admin_client):
    AgreementFactory(title="Ký năm 2020", signed_on=dt.date(2020, 2, 25))
    AgreementFactory(title="Ký năm 2024", signed_on=dt.date(2024, 11, 19))

    response = admin_client.get(reverse("admin:agreements_agreement_changelist") + "?signed_on__year=2024")

    assert [agreement.title for agreement in response.context["cl"].result_list] == ["Ký năm 2024"]


@pytest.mark.parametrize(
    "url",
    [
        "/admin/autocomplete/?term=a%00b&app_label=events&model_name=eventsite&field_name=organization",
        "/admin/committees/person/?q=%00",
        "/to-chuc/?q=a%00",
        "/su-kien/?year=2021%00",
        "/van-ban/?kind%00=x",
    ],
)
def test_a_nul_character_in_the_address_is_a_clear_400(admin_client, url):
    response = admin_client.get(url)

    assert response.status_code == 400
    html = response.content.decode()
    assert BAD_REQUEST in html
    assert "Không có gì bị thay đổi." in html


def test_a_query_value_longer_than_any_form_sends_is_a_clear_400(admin_client):
    """A search of 100,000 characters failed SQLite's LIKE ("pattern too complex")."""
    assert admin_client.get("/admin/agreements/task/", {"q": "x" * 1000}).status_code == 200
    response = admin_client.get("/admin/agreements/task/", {"q": "x" * 1001})

    assert response.status_code == 400
    assert BAD_REQUEST in response.content.decode()


def test_a_nul_character_in_posted_text_gets_djangos_message_in_vietnamese(admin_client):
    response = admin_client.post(reverse("admin:committees_person_add"), {"full_name": "Nguyễn\x00Văn A"})

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["full_name"] == ["Không được dùng ký tự rỗng (NUL)."]


def test_a_formset_posted_with_too_many_rows_is_refused_in_vietnamese(admin_client):
    organization = OrganizationFactory()
    data = event_data(str(organization.pk)) | {"key_figures-TOTAL_FORMS": "2001"}

    response = admin_client.post(reverse("admin:events_event_add"), data)

    assert response.status_code == 200
    formset = inline_formset(response, "key_figures")
    assert formset.non_form_errors() == ["Chỉ được gửi tối đa 1000 dòng."]
    assert Event.objects.count() == 0


def test_a_formset_posted_without_its_management_form_is_refused_in_vietnamese(admin_client):
    organization = OrganizationFactory()
    data = {
        key: value for key, value in event_data(str(organization.pk)).items() if not key.startswith("sites-")
    }

    response = admin_client.post(reverse("admin:events_event_add"), data)

    assert response.status_code == 200
    assert "Dữ liệu quản lý của biểu mẫu bị thiếu hoặc đã bị sửa đổi." in response.content.decode()
    assert Event.objects.count() == 0


@pytest.mark.parametrize(("months", "signed_on"), [("18", "20/12/9999"), ("32767", "01/01/8000")])
def test_review_dates_past_the_calendar_are_refused_and_nothing_changed(admin_client, months, signed_on):
    agreement = AgreementFactory(parties=[OrganizationFactory(), OrganizationFactory()])
    url = reverse("admin:agreements_agreement_change", args=[agreement.pk])
    data = change_form_data(admin_client.get(url)) | {"signed_on": signed_on, "interim_review_months": months}

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["interim_review_months"] == [
        "Với ngày này và số tháng này, kỳ sơ kết, tổng kết sẽ rơi vào sau ngày 31/12/9999."
    ]
    agreement.refresh_from_db()
    assert (agreement.signed_on, agreement.interim_review_months) == (dt.date(2020, 2, 25), None)
    assert agreement.milestones.count() == 0


def test_integers_keep_postgresqls_limits_on_every_database(admin_client):
    """An order of 40000 was saved on SQLite, and its dump then failed to load into PostgreSQL."""
    organization = OrganizationFactory()
    data = event_data(
        str(organization.pk),
        **{
            "documents-TOTAL_FORMS": "1",
            "documents-0-title": "Báo cáo",
            "documents-0-file": pdf_upload("bao-cao.pdf"),
            "documents-0-order": "40000",
        },
    )

    response = admin_client.post(reverse("admin:events_event_add"), data)

    assert response.status_code == 200
    formset = inline_formset(response, "documents")
    assert formset.errors[0]["order"] == ["Giá trị này phải nhỏ hơn hoặc bằng 32767."]
    assert (Event.objects.count(), EventDocument.objects.count()) == (0, 0)
    agreement_months = Agreement._meta.get_field("interim_review_months")
    assert [validator.limit_value for validator in agreement_months.validators] == [0, 32767]


def test_an_event_on_the_last_day_of_the_calendar_is_written_to_icalendar_without_an_end(client):
    from events.feeds import event_calendar
    from events.selectors import feed_events

    EventFactory(title="Sự kiện ngày cuối", start_date=dt.date(9999, 12, 31))
    events = feed_events(since=dt.date(9999, 1, 1), until=dt.date.max)

    calendar = event_calendar(events, absolute_url=lambda path: f"https://x.vn{path}", uid_domain="x")

    [vevent] = icalendar.Calendar.from_ical(calendar.to_ical()).walk("VEVENT")
    assert vevent.decoded("dtstart") == dt.date(9999, 12, 31)
    assert "DTEND" not in vevent
    # The feed itself covers a window around today, and the page answers.
    assert client.get(reverse("events:ical")).status_code == 200


def test_renaming_on_the_first_day_of_the_calendar_is_refused():
    organization = OrganizationFactory(name="Ban Tuyên giáo Tỉnh ủy")

    with pytest.raises(Exception) as refused:
        organization_rename(
            by=None, organization=organization, new_name="Ban Tuyên giáo và Dân vận", on=dt.date(1, 1, 1)
        )

    assert refused.value.message_dict == {"on": ["Ngày phải sau ngày 01/01/0001."]}
    assert Organization.objects.get().name == "Ban Tuyên giáo Tỉnh ủy"


# --- Error pages --------------------------------------------------------------------------------


def test_a_form_failing_the_csrf_check_gets_a_vietnamese_page_and_nothing_is_saved(admin_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)

    response = client.post(reverse("admin:committees_person_add"), {"full_name": "Nguyễn Văn A"})

    assert response.status_code == 403
    html = response.content.decode()
    assert "Không gửi được biểu mẫu một cách an toàn" in html
    assert "cookie bảo mật" in html
    assert not PersonFactory._meta.model.objects.exists()


def test_error_pages_are_in_vietnamese(client, rf):
    from django.views.defaults import permission_denied, server_error

    assert "Không tìm thấy trang" in client.get("/khong-co-trang-nay/").content.decode()
    denied = permission_denied(rf.get("/"), Exception())
    assert denied.status_code == 403 and "Không có quyền truy cập" in denied.content.decode()
    error = server_error(rf.get("/"))
    assert error.status_code == 500 and "Máy chủ gặp sự cố khi xử lý yêu cầu" in error.content.decode()
    assert 'lang="vi"' in error.content.decode() and "style=" not in error.content.decode()
