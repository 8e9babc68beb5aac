import datetime as dt
import io

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from committees.models import OrganizationKind, OrganizationName, Role
from committees.services import person_create
from events.models import (
    Attendee,
    Award,
    DecisionAnnouncement,
    Event,
    EventChair,
    EventDocument,
    EventFormat,
    EventKind,
    EventPhoto,
    EventSite,
    EventStatus,
    KeyFigure,
    Speech,
    SpeechRole,
)
from portal import scoping
from tests import admin_forms
from tests.admin_forms import change_form_data, form_errors, inline_errors, management_forms
from tests.committees.factories import (
    DecisionFactory,
    LegalDocumentFactory,
    OrganizationFactory,
    PersonFactory,
    PositionFactory,
    RegionFactory,
)
from tests.events.factories import (
    EVENT_INLINES,
    AttendeeFactory,
    AwardFactory,
    EventChairFactory,
    EventDocumentFactory,
    EventFactory,
    EventPhotoFactory,
    EventSiteFactory,
    KeyFigureFactory,
    SpeechFactory,
)
from tests.files import pdf_upload
from tests.staff import sees_everything

pytestmark = pytest.mark.django_db

REGISTERED = [
    model for model in apps.get_app_config("events").get_models() if admin.site.is_registered(model)
]
INLINE_PREFIXES = EVENT_INLINES
NO_SITE = "Sự kiện trực tuyến phải có ít nhất một điểm cầu."
SAME_ORDER = "Hai phát biểu của sự kiện có cùng số thứ tự."
NOT_AN_IMAGE = "Theo nội dung, tệp không phải là JPEG, PNG hoặc WebP, dù tên tệp ghi thế nào."
NOT_A_DOCUMENT = "Theo nội dung, tệp không phải là PDF hoặc Word (DOCX), dù tên tệp ghi thế nào."
REQUIRED = "Trường này là bắt buộc."
INVALID_CHOICE = "Hãy chọn một lựa chọn hợp lệ. Lựa chọn đó không phải là một trong các lựa chọn khả thi."
REVIEW_DAY = dt.date(2021, 8, 25)


def admin_url(view: str, *args) -> str:
    return admin_forms.admin_url(Event, view, *args)


def management(**totals) -> dict:
    return management_forms(INLINE_PREFIXES, **totals)


def success_messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def jpeg(width=1600, height=900) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (20, 90, 160)).save(buffer, "JPEG")
    return buffer.getvalue()


def queued_renditions(callbacks) -> list:
    """The commit callbacks that queue a photo's renditions (others rebuild cached pages)."""
    return [callback for callback in callbacks if "enqueue_on_commit" in callback.__qualname__]


def staff_with(django_user_model, *codenames):
    staff = django_user_model.objects.create_user(username="thu-ky", password="x", is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return staff


@pytest.fixture
def academy():
    return OrganizationFactory(
        name="Học viện Chính trị quốc gia Hồ Chí Minh", kind=OrganizationKind.NATIONAL_ACADEMY
    )


@pytest.fixture
def regional():
    return OrganizationFactory(name="Học viện Chính trị khu vực IV")


@pytest.fixture
def lam(academy):
    """Deputy Director on the review day; Director only from 2023."""
    person = person_create(by=None, written_name="PGS,TS Hoàng Phúc Lâm")
    PositionFactory(
        person=person,
        role=Role.DEPUTY_DIRECTOR,
        organization=academy,
        start_date=dt.date(2016, 1, 1),
        end_date=dt.date(2022, 12, 31),
    )
    PositionFactory(person=person, role=Role.DIRECTOR, organization=academy, start_date=dt.date(2023, 1, 1))
    return person


@pytest.fixture
def khanh(regional):
    person = person_create(by=None, written_name="TS Phan Công Khanh")
    PositionFactory(person=person, role=Role.DIRECTOR, organization=regional, end_date=dt.date(2023, 12, 31))
    return person


@pytest.fixture
def quang():
    return person_create(by=None, written_name="NGƯT, TS Huỳnh Thanh Quang")


def review_data(academy, **changes) -> dict:
    """The add form of an online review held on 25/08/2021, every inline empty."""
    return {
        "title": "Hội nghị sơ kết 18 tháng thực hiện Quy chế phối hợp",
        "slug": "",
        "kind": EventKind.CONFERENCE,
        "purpose": "interim_review",
        "level": "",
        "format": EventFormat.ONLINE,
        "start_date": "25/08/2021",
        "part_of_day": "morning",
        "start_time": "",
        "end_date": "",
        "end_time": "",
        "host": str(academy.pk),
        "summary": "",
        **management(),
    } | changes


def sites_chair_and_speeches(academy, lam, khanh, quang) -> dict:
    """Two sites, a chair and three speeches, as rows of the add form."""
    return {
        "sites-TOTAL_FORMS": "2",
        "sites-0-organization": str(academy.pk),
        "sites-0-is_main": "on",
        "sites-0-attendee_groups": "lãnh đạo Học viện",
        "sites-0-order": "0",
        "sites-1-place": "các tỉnh, thành phố khu vực Tây Nam Bộ",
        "sites-1-order": "1",
        "chairs-TOTAL_FORMS": "1",
        "chairs-0-person": str(lam.pk),
        "chairs-0-order": "0",
        "speeches-TOTAL_FORMS": "3",
        "speeches-0-order": "1",
        "speeches-0-role": SpeechRole.OPENING,
        "speeches-0-person": str(khanh.pk),
        "speeches-1-order": "2",
        "speeches-1-role": SpeechRole.REPORT,
        "speeches-1-person": str(quang.pk),
        "speeches-1-title": "Báo cáo sơ kết 18 tháng",
        "speeches-2-order": "3",
        "speeches-2-role": SpeechRole.CLOSING,
        "speeches-2-person": str(lam.pk),
        "speeches-2-title_line": "PGS, TS Hoàng Phúc Lâm, Trưởng Ban Chỉ đạo",
    }


def nothing_saved() -> tuple:
    return tuple(
        model.objects.count()
        for model in (
            Event,
            EventSite,
            EventChair,
            Speech,
            Attendee,
            Award,
            KeyFigure,
            EventDocument,
            EventPhoto,
        )
    )


# --- Every page loads, and only with permissions ------------------------------------------------


def test_the_events_admin_is_one_screen_per_event():
    assert [Event] == REGISTERED


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.model_name)
def test_changelist_and_add_page_load(admin_client, model):
    app_model = f"{model._meta.app_label}_{model._meta.model_name}"
    assert admin_client.get(reverse(f"admin:{app_model}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:{app_model}_add")).status_code == 200


def test_the_change_page_of_a_complete_event_loads_with_every_inline(admin_client, media_root):
    event = EventFactory(format=EventFormat.ONLINE, decisions=[DecisionFactory()])
    site = EventSiteFactory(event=event)
    AttendeeFactory(site=site)
    EventChairFactory(event=event)
    SpeechFactory(event=event)
    AwardFactory(event=event)
    KeyFigureFactory(event=event)
    EventPhotoFactory(event=event)

    response = admin_client.get(admin_url("change", event.pk))

    assert response.status_code == 200
    assert [inline.formset.prefix for inline in response.context["inline_admin_formsets"]] == [
        *INLINE_PREFIXES,
        "sources-citation-subject_type-subject_id",
    ]


def test_staff_without_permissions_get_403(client, django_user_model):
    client.force_login(staff_with(django_user_model))
    event = EventFactory()

    assert client.get(admin_url("changelist")).status_code == 403
    assert client.get(admin_url("add")).status_code == 403
    assert client.get(admin_url("change", event.pk)).status_code == 403
    assert client.post(admin_url("add"), {}).status_code == 403
    assert Event.objects.count() == 1


# --- The list ---------------------------------------------------------------------------------------


def event_row():
    host = OrganizationFactory(region=RegionFactory())
    EventFactory(host=host, start_date=dt.date(2021, 8, 25))


def test_changelist_queries_do_not_grow_with_rows(admin_client, django_assert_max_num_queries):
    event_row()
    with CaptureQueriesContext(connection) as one_row:
        assert admin_client.get(admin_url("changelist")).status_code == 200
    for _ in range(4):
        event_row()

    # Session, user, the device that verified the session, two counts, the rows; the host,
    # year and region filters; two for the date hierarchy (first and last date, then the
    # days of the only month).
    with django_assert_max_num_queries(11) as five_rows:
        response = admin_client.get(admin_url("changelist"))

    assert response.context["cl"].result_count == 5
    assert len(five_rows) == len(one_row)


def event_with_rows(count: int) -> Event:
    """An online event with `count` rows in each inline that names related records: sites at
    organisations with a former name, attendees at those sites, chairs, speeches presenting
    its document, decisions announced and awards."""
    event = EventFactory(format=EventFormat.ONLINE, host=OrganizationFactory())
    document = EventDocumentFactory(event=event)
    for index in range(count):
        organization = OrganizationFactory()
        OrganizationName.objects.create(
            organization=organization, name="Tên cũ", valid_to=dt.date(2020, 1, 1)
        )
        site = EventSiteFactory(event=event, organization=organization, is_main=index == 0)
        AttendeeFactory(site=site)
        EventChairFactory(event=event)
        SpeechFactory(event=event, order=index + 1, document=document)
        DecisionAnnouncement.objects.create(event=event, decision=DecisionFactory(), order=index)
        AwardFactory(
            event=event, recipient_person=PersonFactory(), recipient_collective="", decision=DecisionFactory()
        )
        KeyFigureFactory(event=event)
    return event


def test_the_change_form_reads_the_same_queries_with_1_and_50_rows_in_each_inline(
    admin_client, django_assert_num_queries
):
    one, fifty = event_with_rows(1), event_with_rows(50)
    admin_client.get(admin_url("change", one.pk))  # what the process reads once (content types)

    # Session, user, device; the event; each inline's rows, with the former names of the sites'
    # organisations; the host, co-organisers and legal documents; the sites and documents offered
    # to attendees and speeches, read once. The people, organisations and decisions chosen in the
    # rows come with them (select_related), so their autocomplete boxes read nothing more.
    for event in (one, fifty):
        with django_assert_num_queries(22 + 1):  # + 1: its sources
            assert admin_client.get(admin_url("change", event.pk)).status_code == 200


def test_the_list_shows_the_date_day_first_with_kind_format_host_and_status(admin_client, academy):
    event = EventFactory(
        title="Hội nghị sơ kết",
        start_date=dt.date(2021, 8, 5),
        format=EventFormat.HYBRID,
        status=EventStatus.PUBLISHED,
        host=academy,
    )

    response = admin_client.get(admin_url("changelist"))

    content = response.content.decode()
    assert f'<a href="{admin_url("change", event.pk)}">Hội nghị sơ kết</a>' in content
    for cell in (
        '<td class="field-date">05/08/2021</td>',
        '<td class="field-kind">Hội nghị</td>',
        '<td class="field-format">trực tiếp kết hợp trực tuyến</td>',
        f'<td class="field-host nowrap">{academy.name}</td>',
        '<td class="field-status">đã công bố</td>',
    ):
        assert cell in content


def test_the_list_shows_the_window_of_an_event_whose_day_is_not_known(admin_client, academy):
    EventFactory(
        start_date=dt.date(2024, 11, 1), end_date=dt.date(2024, 11, 30), day_unknown=True, host=academy
    )

    content = admin_client.get(admin_url("changelist")).content.decode()

    assert '<td class="field-date">tháng 11/2024</td>' in content


def test_the_year_filter_lists_the_years_latest_first_and_keeps_that_years_events(admin_client):
    for day in (dt.date(2021, 8, 25), dt.date(2025, 6, 5), dt.date(2023, 1, 9), dt.date(2025, 1, 2)):
        EventFactory(start_date=day, title=f"Sự kiện {day:%d/%m/%Y}")

    listed = admin_client.get(admin_url("changelist"))
    filtered = admin_client.get(admin_url("changelist"), {"year": "2025"})

    [year_filter] = [spec for spec in listed.context["cl"].filter_specs if spec.title == "năm"]
    assert year_filter.lookup_choices == [("2025", "2025"), ("2023", "2023"), ("2021", "2021")]
    assert sorted(event.title for event in filtered.context["cl"].result_list) == [
        "Sự kiện 02/01/2025",
        "Sự kiện 05/06/2025",
    ]


def test_the_region_filter_keeps_the_events_hosted_in_that_region(admin_client):
    southwest = RegionFactory(name="Tây Nam Bộ")
    EventFactory(title="Ở Tây Nam Bộ", host=OrganizationFactory(region=southwest))
    EventFactory(title="Ở nơi khác", host=OrganizationFactory(region=RegionFactory()))

    response = admin_client.get(admin_url("changelist"), {"host__region__id__exact": southwest.pk})

    assert [event.title for event in response.context["cl"].result_list] == ["Ở Tây Nam Bộ"]


def test_search_finds_events_by_title_and_by_host_name(admin_client, regional):
    EventFactory(title="Tọa đàm khoa học", host=regional)
    EventFactory(title="Hội nghị giao ban")

    by_title = admin_client.get(admin_url("changelist"), {"q": "Tọa đàm"})
    by_host = admin_client.get(admin_url("changelist"), {"q": "khu vực IV"})

    assert [event.title for event in by_title.context["cl"].result_list] == ["Tọa đàm khoa học"]
    assert [event.title for event in by_host.context["cl"].result_list] == ["Tọa đàm khoa học"]


# --- One screen: the whole event saved at once, or nothing ---------------------------------------------


def test_an_online_event_with_its_sites_chair_and_speeches_is_saved_in_one_go_with_title_lines(
    admin_client, academy, regional, lam, khanh, quang
):
    decision = DecisionFactory(title="Quyết định khen thưởng")
    resolution = LegalDocumentFactory(number="35-NQ/TW")
    data = review_data(
        academy,
        co_organizers=[str(regional.pk)],
        legal_documents=[str(resolution.pk)],
        **sites_chair_and_speeches(academy, lam, khanh, quang),
        **{
            "decision_announcements-TOTAL_FORMS": "1",
            "decision_announcements-0-decision": str(decision.pk),
            "decision_announcements-0-order": "0",
        },
    )

    response = admin_client.post(admin_url("add"), data)

    assert response.status_code == 302
    event = Event.objects.get()
    assert (event.slug, event.format, event.start_date, event.part_of_day) == (
        "hoi-nghi-so-ket-18-thang-thuc-hien-quy-che-phoi-hop",
        EventFormat.ONLINE,
        REVIEW_DAY,
        "morning",
    )
    assert list(event.co_organizers.all()) == [regional]
    assert list(event.legal_documents.all()) == [resolution]
    assert list(event.decisions.all()) == [decision]
    assert list(event.sites.values_list("organization", "place", "is_main", "attendee_groups")) == [
        (academy.pk, "", True, "lãnh đạo Học viện"),
        (None, "các tỉnh, thành phố khu vực Tây Nam Bộ", False, ""),
    ]
    # Filled from the positions held on 25/08/2021; a line typed by staff is kept.
    assert list(event.chairs.values_list("person", "title_line")) == [
        (lam.pk, "PGS, TS Hoàng Phúc Lâm, Phó Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh"),
    ]
    assert list(event.speeches.values_list("order", "role", "title_line", "title")) == [
        (1, SpeechRole.OPENING, "TS Phan Công Khanh, Giám đốc Học viện Chính trị khu vực IV", ""),
        (2, SpeechRole.REPORT, "NGƯT, TS Huỳnh Thanh Quang", "Báo cáo sơ kết 18 tháng"),
        (3, SpeechRole.CLOSING, "PGS, TS Hoàng Phúc Lâm, Trưởng Ban Chỉ đạo", ""),
    ]


def test_a_save_is_recorded_once_in_the_history_by_the_service_with_the_staff_member(
    admin_client, admin_user
):
    event = EventFactory(title="Hội nghị giao ban")
    data = change_form_data(admin_client.get(admin_url("change", event.pk)))
    data["title"] = "Hội nghị giao ban quý I"

    response = admin_client.post(admin_url("change", event.pk), data)

    assert response.status_code == 302
    assert [
        (entry.user, entry.action_flag, entry.get_change_message()) for entry in LogEntry.objects.all()
    ] == [(admin_user, CHANGE, "Đã thay đổi tiêu đề.")]


def test_an_online_event_without_a_site_is_refused_and_nothing_saved(
    admin_client, academy, lam, khanh, quang
):
    data = review_data(academy, **sites_chair_and_speeches(academy, lam, khanh, quang))
    data["sites-TOTAL_FORMS"] = "0"

    response = admin_client.post(admin_url("add"), data)

    assert response.status_code == 200
    assert inline_errors(response) == {"sites": ([], [NO_SITE])}
    assert NO_SITE in response.content.decode()
    assert (Event.objects.count(), Speech.objects.count()) == (0, 0)
    assert nothing_saved() == (0,) * 9


def test_a_site_row_marked_for_deletion_does_not_count(admin_client, media_root):
    event = EventFactory(format=EventFormat.HYBRID)
    site = EventSiteFactory(event=event)
    data = change_form_data(admin_client.get(admin_url("change", event.pk)))
    data["sites-0-DELETE"] = "on"

    response = admin_client.post(admin_url("change", event.pk), data)

    assert response.status_code == 200
    assert inline_errors(response) == {"sites": ([], [NO_SITE])}
    assert list(EventSite.objects.all()) == [site]


def test_an_event_in_person_needs_no_site(admin_client, academy):
    response = admin_client.post(admin_url("add"), review_data(academy, format=EventFormat.IN_PERSON))

    assert response.status_code == 302
    assert Event.objects.get().sites.count() == 0


def test_two_speeches_with_the_same_order_are_refused_and_nothing_saved(
    admin_client, academy, lam, khanh, quang
):
    data = review_data(academy, **sites_chair_and_speeches(academy, lam, khanh, quang))
    data["speeches-2-order"] = "2"

    response = admin_client.post(admin_url("add"), data)

    assert response.status_code == 200
    assert inline_errors(response) == {"speeches": ([], [SAME_ORDER])}
    assert nothing_saved() == (0,) * 9


def test_speeches_renumbered_among_themselves_are_saved(admin_client):
    event = EventFactory()
    opening = SpeechFactory(event=event, order=1, role=SpeechRole.OPENING)
    report = SpeechFactory(event=event, order=2, role=SpeechRole.REPORT)
    dropped = SpeechFactory(event=event, order=3)
    closing = SpeechFactory(event=event, order=4, role=SpeechRole.CLOSING)
    data = change_form_data(admin_client.get(admin_url("change", event.pk)))
    data |= {
        "speeches-0-order": "2",
        "speeches-1-order": "1",
        "speeches-2-DELETE": "on",
        "speeches-3-order": "3",
    }

    response = admin_client.post(admin_url("change", event.pk), data)

    assert response.status_code == 302
    assert list(event.speeches.values_list("pk", "order")) == [
        (report.pk, 1),
        (opening.pk, 2),
        (closing.pk, 3),
    ]
    assert not Speech.objects.filter(pk=dropped.pk).exists()


def test_a_speech_without_a_speaker_is_refused_and_nothing_saved(admin_client, academy, lam, khanh, quang):
    data = review_data(academy, **sites_chair_and_speeches(academy, lam, khanh, quang))
    data["speeches-1-person"] = ""

    response = admin_client.post(admin_url("add"), data)

    assert response.status_code == 200
    assert inline_errors(response) == {"speeches": ([{"person": [REQUIRED]}], [])}
    assert nothing_saved() == (0,) * 9


def test_two_main_sites_are_refused(admin_client, academy, lam, khanh, quang):
    data = review_data(academy, **sites_chair_and_speeches(academy, lam, khanh, quang))
    data["sites-1-is_main"] = "on"

    response = admin_client.post(admin_url("add"), data)

    assert response.status_code == 200
    assert inline_errors(response) == {"sites": ([], ["Mỗi sự kiện chỉ có một điểm cầu chính."])}
    assert nothing_saved() == (0,) * 9


def test_an_event_ending_before_it_starts_is_refused(admin_client, academy):
    data = review_data(academy, format=EventFormat.IN_PERSON, end_date="24/08/2021")

    response = admin_client.post(admin_url("add"), data)

    assert response.status_code == 200
    assert form_errors(response) == {"end_date": ["Sự kiện không thể kết thúc trước khi bắt đầu."]}
    assert Event.objects.count() == 0


def test_a_slug_left_empty_is_made_from_the_title_and_kept_unique(admin_client, academy):
    data = review_data(academy, format=EventFormat.IN_PERSON, title="Đối thoại với đảng viên trẻ")

    for _ in range(2):
        assert admin_client.post(admin_url("add"), data).status_code == 302
    assert admin_client.post(admin_url("add"), data | {"slug": "doi-thoai"}).status_code == 302

    assert list(Event.objects.order_by("pk").values_list("slug", flat=True)) == [
        "doi-thoai-voi-dang-vien-tre",
        "doi-thoai-voi-dang-vien-tre-2",
        "doi-thoai",
    ]


# --- Files ------------------------------------------------------------------------------------------


def test_a_fake_image_is_refused_with_its_message_and_nothing_saved(admin_client, academy, media_root):
    fake = SimpleUploadedFile("anh.jpg", b"<html>not a picture</html>", content_type="image/jpeg")
    data = review_data(
        academy,
        format=EventFormat.IN_PERSON,
        **{
            "photos-TOTAL_FORMS": "1",
            "photos-0-image": fake,
            "photos-0-caption": "Toàn cảnh",
            "photos-0-order": "0",
        },
    )

    response = admin_client.post(admin_url("add"), data)

    assert response.status_code == 200
    assert inline_errors(response) == {"photos": ([{"image": [NOT_AN_IMAGE]}], [])}
    assert NOT_AN_IMAGE in response.content.decode()
    assert nothing_saved() == (0,) * 9
    assert not media_root.exists() or not any(media_root.rglob("*.*"))


def test_a_document_neither_pdf_nor_docx_is_refused(admin_client, academy, media_root):
    fake = SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00 not a document", content_type="application/pdf")
    data = review_data(
        academy,
        format=EventFormat.IN_PERSON,
        **{
            "documents-TOTAL_FORMS": "1",
            "documents-0-title": "Báo cáo",
            "documents-0-file": fake,
            "documents-0-order": "0",
        },
    )

    response = admin_client.post(admin_url("add"), data)

    assert inline_errors(response) == {"documents": ([{"file": [NOT_A_DOCUMENT]}], [])}
    assert nothing_saved() == (0,) * 9


def test_an_oversized_photo_is_refused_with_its_size(admin_client, academy, media_root):
    big = SimpleUploadedFile("lon.jpg", jpeg() + b"\0" * (10 * 1024 * 1024), content_type="image/jpeg")
    data = review_data(
        academy,
        format=EventFormat.IN_PERSON,
        **{
            "photos-TOTAL_FORMS": "1",
            "photos-0-image": big,
            "photos-0-caption": "Ảnh",
            "photos-0-order": "0",
        },
    )

    response = admin_client.post(admin_url("add"), data)

    [[row], []] = inline_errors(response)["photos"]
    assert row == {"image": ["Tệp có dung lượng 10,0\xa0MB; chỉ cho phép tối đa 10,0\xa0MB."]}
    assert EventPhoto.objects.count() == 0


def test_a_photo_saved_with_the_event_gets_its_renditions_and_a_preview(
    admin_client, academy, media_root, django_capture_on_commit_callbacks
):
    photo = SimpleUploadedFile("toan-canh.jpg", jpeg(), content_type="image/jpeg")
    data = review_data(
        academy,
        format=EventFormat.IN_PERSON,
        **{
            "photos-TOTAL_FORMS": "1",
            "photos-0-image": photo,
            "photos-0-caption": "Toàn cảnh Hội nghị",
            "photos-0-credit": "Ảnh: Đức Anh",
            "photos-0-order": "0",
        },
    )

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = admin_client.post(admin_url("add"), data)

    assert response.status_code == 302
    assert len(queued_renditions(callbacks)) == 1
    saved = EventPhoto.objects.get()
    assert (saved.width, saved.height, saved.caption) == (1600, 900, "Toàn cảnh Hội nghị")
    with Image.open(saved.thumbnail.path) as thumbnail:
        assert thumbnail.size == (480, 270)
    page = admin_client.get(admin_url("change", saved.event.pk)).content.decode()
    assert f'<img class="photo-preview" src="{saved.thumbnail.url}" alt="Toàn cảnh Hội nghị">' in page


def test_a_saved_photos_picture_cannot_be_replaced_but_its_caption_can(
    admin_client, media_root, django_capture_on_commit_callbacks
):
    photo = EventPhotoFactory(caption="Cũ")
    stored = photo.image.name
    page = admin_client.get(admin_url("change", photo.event.pk))
    data = change_form_data(page)
    data |= {
        "photos-0-caption": "Toàn cảnh",
        "photos-0-image": SimpleUploadedFile("moi.jpg", jpeg(), content_type="image/jpeg"),
    }

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = admin_client.post(admin_url("change", photo.event.pk), data)

    content = page.content.decode()
    assert 'name="photos-0-image"' not in content
    assert "Muốn dùng ảnh khác, hãy xóa ảnh này và thêm ảnh mới." in content
    assert response.status_code == 302
    photo.refresh_from_db()
    assert (photo.caption, photo.image.name) == ("Toàn cảnh", stored)
    # The changed photo was handed to event_photo_saved: its renditions are made from the stored file.
    assert len(queued_renditions(callbacks)) == 1
    with Image.open(photo.thumbnail.path) as thumbnail:
        assert thumbnail.size == (64, 48)


# --- Attendees and their sites ------------------------------------------------------------------------


def test_attendee_sites_are_chosen_among_this_events_saved_sites(admin_client):
    event = EventFactory(format=EventFormat.ONLINE)
    own = [EventSiteFactory(event=event, order=1), EventSiteFactory(event=event, order=2)]
    EventSiteFactory()  # of another event

    change = admin_client.get(admin_url("change", event.pk))
    add = admin_client.get(admin_url("add"))

    attendees = change.context["inline_admin_formsets"][1].formset
    assert list(attendees.empty_form.fields["site"].queryset) == own
    new_attendees = add.context["inline_admin_formsets"][1].formset
    assert list(new_attendees.empty_form.fields["site"].queryset) == []
    assert "Một trong các điểm cầu của sự kiện, kể cả điểm cầu vừa nhập ở trên." in add.content.decode()
    # The new sites typed in the form are added to the choices by static/js/sibling-choices.js.
    assert 'data-sibling-rows="sites" data-sibling-label="organization place"' in add.content.decode()


def test_an_attendee_at_a_site_typed_in_the_same_form_is_saved_with_it(
    admin_client, academy, lam, khanh, quang
):
    data = review_data(academy, **sites_chair_and_speeches(academy, lam, khanh, quang))
    data |= {
        "attendees-TOTAL_FORMS": "2",
        "attendees-0-person": str(khanh.pk),
        "attendees-0-site": "new-1",
        "attendees-0-order": "0",
        "attendees-1-person": str(quang.pk),
        "attendees-1-site": "new-0",
        "attendees-1-order": "1",
    }

    response = admin_client.post(admin_url("add"), data)

    assert response.status_code == 302
    event = Event.objects.get()
    assert list(
        event.attendees.order_by("order").values_list("person", "site__place", "site__organization")
    ) == [
        (khanh.pk, "các tỉnh, thành phố khu vực Tây Nam Bộ", None),
        (quang.pk, "", academy.pk),
    ]


def test_a_speech_presenting_a_document_added_in_the_same_form_is_saved_with_it(
    admin_client, academy, lam, khanh, quang
):
    data = review_data(academy, **sites_chair_and_speeches(academy, lam, khanh, quang))
    data |= {
        "documents-TOTAL_FORMS": "1",
        "documents-0-title": "Báo cáo sơ kết 18 tháng",
        "documents-0-file": pdf_upload("bao-cao.pdf"),
        "documents-0-order": "0",
        "speeches-1-document": "new-0",
    }

    response = admin_client.post(admin_url("add"), data)

    assert response.status_code == 302
    speech = Speech.objects.get(order=2)
    assert (speech.document.title, speech.document.event) == ("Báo cáo sơ kết 18 tháng", speech.event)


@pytest.mark.parametrize("chosen", ["new-2", "new-7", "new-x", "new-"])
def test_an_attendee_at_a_site_not_in_the_form_is_refused_with_a_clear_error(
    admin_client, academy, lam, khanh, quang, chosen
):
    data = review_data(academy, **sites_chair_and_speeches(academy, lam, khanh, quang))
    data |= {
        "sites-TOTAL_FORMS": "3",  # the third row left empty: it is not saved
        "sites-2-order": "0",
        "attendees-TOTAL_FORMS": "1",
        "attendees-0-person": str(khanh.pk),
        "attendees-0-site": chosen,
        "attendees-0-order": "0",
    }

    response = admin_client.post(admin_url("add"), data)

    assert response.status_code == 200
    missing = (
        "Dòng được chọn ở đây không còn trong biểu mẫu (đã xóa hoặc để trống): "
        "hãy chọn lại trong các dòng ở trên."
    )
    error = INVALID_CHOICE if chosen in ("new-x", "new-") else missing
    assert inline_errors(response) == {"attendees": ([{"site": [error]}], [])}
    assert Event.objects.count() == 0


def test_an_attendee_at_another_events_site_is_refused(admin_client):
    event = EventFactory(format=EventFormat.ONLINE)
    EventSiteFactory(event=event)
    elsewhere = EventSiteFactory()
    data = change_form_data(admin_client.get(admin_url("change", event.pk)))
    data |= {
        "attendees-TOTAL_FORMS": "1",
        "attendees-0-person": str(PersonFactory().pk),
        "attendees-0-site": str(elsewhere.pk),
        "attendees-0-order": "0",
    }

    response = admin_client.post(admin_url("change", event.pk), data)

    assert response.status_code == 200
    assert inline_errors(response) == {"attendees": ([{"site": [INVALID_CHOICE]}], [])}
    assert Attendee.objects.count() == 0


def test_an_attendee_at_one_of_the_events_sites_gets_the_title_line_of_the_event_date(
    admin_client, academy, khanh
):
    event = EventFactory(format=EventFormat.ONLINE, start_date=REVIEW_DAY)
    site = EventSiteFactory(event=event, organization=academy)
    data = change_form_data(admin_client.get(admin_url("change", event.pk)))
    data |= {
        "attendees-TOTAL_FORMS": "1",
        "attendees-0-person": str(khanh.pk),
        "attendees-0-site": str(site.pk),
        "attendees-0-note": "đại diện Ban Chỉ đạo 35",
        "attendees-0-order": "0",
    }

    response = admin_client.post(admin_url("change", event.pk), data)

    assert response.status_code == 302
    assert list(Attendee.objects.values_list("site", "title_line", "note")) == [
        (site.pk, "TS Phan Công Khanh, Giám đốc Học viện Chính trị khu vực IV", "đại diện Ban Chỉ đạo 35")
    ]


def test_events_and_the_sites_offered_to_attendees_go_through_scope_for_staff(admin_client, monkeypatch):
    event = EventFactory(format=EventFormat.ONLINE)
    EventSiteFactory(event=event)

    def no_sites(queryset, user, **kwargs):
        return queryset.none() if queryset.model is EventSite else queryset

    monkeypatch.setattr(scoping, "scope_for_staff", no_sites)
    change = admin_client.get(admin_url("change", event.pk))
    monkeypatch.setattr(scoping, "scope_for_staff", lambda queryset, user, **kwargs: queryset.none())
    changelist = admin_client.get(admin_url("changelist"))

    attendees = change.context["inline_admin_formsets"][1].formset
    assert list(attendees.empty_form.fields["site"].queryset) == []
    assert changelist.context["cl"].result_count == 0


# --- Title lines ----------------------------------------------------------------------------------------


def test_a_printed_title_line_is_not_overwritten_when_the_event_is_saved_again(admin_client, lam, khanh):
    event = EventFactory(start_date=REVIEW_DAY)
    printed = EventChairFactory(event=event, person=lam, title_line="PGS, TS Hoàng Phúc Lâm (như in)")
    empty = EventChairFactory(event=event, person=khanh, title_line="")
    data = change_form_data(admin_client.get(admin_url("change", event.pk)))

    response = admin_client.post(admin_url("change", event.pk), data | {"summary": "Đã sửa"})

    assert response.status_code == 302
    printed.refresh_from_db()
    empty.refresh_from_db()
    assert printed.title_line == "PGS, TS Hoàng Phúc Lâm (như in)"
    assert empty.title_line == "TS Phan Công Khanh, Giám đốc Học viện Chính trị khu vực IV"

    # Once filled, a line stays as printed even after the person's positions change.
    PositionFactory(
        person=khanh, role=Role.SECRETARY, organization=OrganizationFactory(), start_date=REVIEW_DAY
    )
    again = change_form_data(admin_client.get(admin_url("change", event.pk)))
    assert admin_client.post(admin_url("change", event.pk), again).status_code == 302
    empty.refresh_from_db()
    assert empty.title_line == "TS Phan Công Khanh, Giám đốc Học viện Chính trị khu vực IV"


# --- Decisions announced ----------------------------------------------------------------------------


def test_staff_who_may_change_events_and_announcements_may_record_the_decisions_announced(
    client, django_user_model
):
    staff = staff_with(
        django_user_model,
        "view_event",
        "change_event",
        "view_decisionannouncement",
        "add_decisionannouncement",
    )
    client.force_login(sees_everything(staff))  # permissions, not organisations, are at stake
    event = EventFactory()
    decision = DecisionFactory()
    data = change_form_data(client.get(admin_url("change", event.pk)))
    data |= {
        "decision_announcements-TOTAL_FORMS": "1",
        "decision_announcements-0-decision": str(decision.pk),
        "decision_announcements-0-order": "0",
    }

    response = client.post(admin_url("change", event.pk), data)

    assert response.status_code == 302
    assert list(event.decisions.all()) == [decision]


def test_a_decision_announced_is_labelled_by_its_number_and_title(admin_client):
    event = EventFactory(decisions=[DecisionFactory(number="12-QĐ/BCĐ35", title="Về khen thưởng")])

    content = admin_client.get(admin_url("change", event.pk)).content.decode()

    assert "12-QĐ/BCĐ35: Về khen thưởng" in content
    assert "Event_decisions object" not in content


# --- Copying an event ---------------------------------------------------------------------------------


def test_copying_keeps_sites_chairs_and_speeches_but_not_outcomes_and_plans_the_copy(
    admin_client, academy, lam, khanh
):
    event = EventFactory(
        title="Hội nghị giao ban",
        format=EventFormat.ONLINE,
        start_date=REVIEW_DAY,
        host=academy,
        decisions=[DecisionFactory()],
    )
    EventSiteFactory(event=event, organization=academy, is_main=True)
    EventSiteFactory(event=event, organization=None, place="các tỉnh Tây Nam Bộ")
    EventChairFactory(event=event, person=lam, title_line="in năm 2021")
    SpeechFactory(event=event, person=khanh, role=SpeechRole.OPENING, order=1, summary="Nội dung")
    SpeechFactory(event=event, person=lam, role=SpeechRole.CLOSING, order=2)
    AwardFactory(event=event)
    KeyFigureFactory(event=event)

    response = admin_client.post(
        admin_url("changelist"), {"action": "copy_as_new_event", "_selected_action": [event.pk]}
    )

    assert response.status_code == 302
    copy = Event.objects.exclude(pk=event.pk).get()
    assert (copy.title, copy.status, copy.format, copy.host) == (
        "Bản sao: Hội nghị giao ban",
        EventStatus.DRAFT,
        EventFormat.ONLINE,
        academy,
    )
    assert list(copy.sites.values_list("organization", "place", "is_main")) == [
        (academy.pk, "", True),
        (None, "các tỉnh Tây Nam Bộ", False),
    ]
    assert list(copy.chairs.values_list("person", "title_line")) == [(lam.pk, "")]
    assert list(copy.speeches.values_list("order", "role", "person", "summary")) == [
        (1, SpeechRole.OPENING, khanh.pk, ""),
        (2, SpeechRole.CLOSING, lam.pk, ""),
    ]
    assert (copy.decisions.count(), copy.awards.count(), copy.key_figures.count()) == (0, 0, 0)
    assert (event.sites.count(), event.speeches.count(), event.awards.count()) == (2, 2, 1)
    assert success_messages(response) == [
        "Đã sao chép thành sự kiện mới, ở trạng thái bản nháp, đặt ngày hôm nay: "
        f'<a href="{admin_url("change", copy.pk)}">Bản sao: Hội nghị giao ban</a>. '
        "Hãy đặt ngày thật, rồi kiểm tra các điểm cầu, người chủ trì và người phát biểu."
    ]
    assert list(LogEntry.objects.values_list("object_id", "action_flag", "change_message")) == [
        (str(copy.pk), ADDITION, "Sao chép từ “Hội nghị giao ban”.")
    ]


def test_staff_without_the_add_permission_cannot_copy_events(client, django_user_model):
    client.force_login(staff_with(django_user_model, "view_event", "change_event", "delete_event"))
    event = EventFactory()

    page = client.get(admin_url("changelist"))
    response = client.post(
        admin_url("changelist"), {"action": "copy_as_new_event", "_selected_action": [event.pk]}
    )

    assert [name for name, _label in page.context["action_form"].fields["action"].choices] == [
        "",
        "delete_selected",
    ]
    assert response.status_code == 302
    assert success_messages(response) == ["Không có hoạt động nào được lựa chọn."]
    assert list(Event.objects.all()) == [event]
