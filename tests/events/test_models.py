import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from committees.services import person_create
from events.models import Attendee, Award, Event, EventDocument, EventSite, Speech
from tests.committees.factories import OrganizationFactory
from tests.files import docx_bytes, pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return Event.objects.create(
        title="Hội nghị công bố các Quyết định",
        slug="hoi-nghi-cong-bo",
        kind="conference",
        start_date=dt.date(2021, 5, 13),
        host=OrganizationFactory(),
    )


def test_an_event_ending_before_it_starts_is_refused(event):
    event.end_date = dt.date(2021, 5, 12)
    with pytest.raises(ValidationError) as refused:
        event.full_clean()
    assert refused.value.message_dict["end_date"] == ["Sự kiện không thể kết thúc trước khi bắt đầu."]


def test_an_event_ending_earlier_the_same_day_is_refused(event):
    event.start_time, event.end_time = dt.time(14, 0), dt.time(13, 30)
    with pytest.raises(ValidationError) as refused:
        event.full_clean()
    assert refused.value.message_dict["end_time"] == ["Sự kiện không thể kết thúc trước khi bắt đầu."]


def test_start_and_end_are_aware_in_ho_chi_minh_time(event):
    event.start_time, event.end_time = dt.time(14, 0), dt.time(17, 0)
    assert event.starts_at.isoformat() == "2021-05-13T14:00:00+07:00"
    assert event.ends_at.isoformat() == "2021-05-13T17:00:00+07:00"
    event.start_time = None
    assert event.starts_at is None


def test_two_speeches_with_the_same_order_are_refused(event):
    speaker = person_create(by=None, written_name="TS. Nguyễn Đình Phong")
    Speech.objects.create(event=event, person=speaker, role="announcement", order=1)
    repeat = Speech(event=event, person=speaker, role="directive", order=1)
    with pytest.raises(ValidationError) as refused:
        repeat.full_clean()
    assert refused.value.messages == ["Hai phát biểu của sự kiện có cùng số thứ tự."]


def test_a_speech_without_speaker_is_refused(event):
    with pytest.raises(ValidationError) as refused:
        Speech(event=event, role="opening", order=1).full_clean()
    assert refused.value.message_dict["person"] == ["Trường này không thể để trống."]


def test_an_event_has_one_main_site(event):
    EventSite.objects.create(event=event, place="Hà Nội", is_main=True)
    second = EventSite(event=event, place="TP. Hồ Chí Minh", is_main=True)
    with pytest.raises(ValidationError) as refused:
        second.full_clean()
    assert refused.value.messages == ["Mỗi sự kiện chỉ có một điểm cầu chính."]


def test_a_site_needs_an_organisation_or_a_place(event):
    with pytest.raises(ValidationError) as refused:
        EventSite(event=event).full_clean()
    assert refused.value.messages == ["Hãy chọn tổ chức hoặc ghi địa điểm của điểm cầu."]


def test_an_attendee_must_sit_at_a_site_of_the_same_event(event):
    other = Event.objects.create(
        title="Khác", slug="khac", kind="conference", start_date=dt.date(2021, 1, 1), host=event.host
    )
    foreign_site = EventSite.objects.create(event=other, place="Hà Nội")
    attendee = Attendee(
        event=event, site=foreign_site, person=person_create(by=None, written_name="TS Lê Xuân Tạo")
    )
    with pytest.raises(ValidationError) as refused:
        attendee.full_clean()
    assert refused.value.message_dict["site"] == ["Hãy chọn một điểm cầu của chính sự kiện này."]


def test_an_award_needs_a_recipient(event):
    with pytest.raises(ValidationError) as refused:
        Award(event=event, reason="Thành tích đột xuất").full_clean()
    assert refused.value.messages == ["Hãy ghi đối tượng được khen thưởng: cá nhân, tổ chức hoặc tập thể."]


@pytest.mark.parametrize(
    ("name", "content"),
    [("bao-cao.pdf", pdf_bytes()), ("bao-cao.docx", docx_bytes())],
)
def test_pdf_and_docx_documents_are_accepted(event, name, content):
    document = EventDocument(event=event, title="Báo cáo sơ kết")
    document.file = SimpleUploadedFile(name, content)
    document.full_clean()


DAMAGED = "Không mở được tệp dưới dạng PDF hoặc Word (DOCX); tệp có thể đã bị hỏng."
NOT_BY_CONTENT = "Theo nội dung, tệp không phải là PDF hoặc Word (DOCX), dù tên tệp ghi thế nào."
MISNAMED = "Tệp có đuôi .docx nhưng nội dung là PDF; hãy đổi tên tệp hoặc tải lên đúng tệp."
DOCM = "Không nhận tệp có đuôi .docm ở đây; hãy tải lên tệp PDF hoặc Word (DOCX)."
MACROS = "Tài liệu Word có chứa macro; hãy lưu lại thành tệp .docx thông thường rồi tải lên lại."


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bao-cao.docx", b"PK\x03\x04 not really a zip", DAMAGED),
        ("bao-cao.pdf", b"<html>phishing</html>", NOT_BY_CONTENT),
        ("bao-cao.docx", pdf_bytes(), MISNAMED),
        ("bao-cao.docm", docx_bytes(), DOCM),
        ("bao-cao.docx", docx_bytes(macros=True), MACROS),
    ],
)
def test_a_fake_document_is_refused(event, name, content, message):
    document = EventDocument(event=event, title="Báo cáo sơ kết")
    document.file = SimpleUploadedFile(name, content)
    with pytest.raises(ValidationError) as refused:
        document.full_clean()
    assert refused.value.message_dict["file"] == [message]


def test_the_calendar_address_cannot_be_an_event_slug(event):
    event.slug = "lich"
    with pytest.raises(ValidationError) as refused:
        event.full_clean()
    assert refused.value.message_dict["slug"] == ["Địa chỉ này dùng cho lịch sự kiện; hãy chọn địa chỉ khác."]


@pytest.mark.parametrize(
    ("start", "end", "window", "label"),
    [
        (dt.date(2024, 1, 1), dt.date(2024, 12, 31), "year", "năm 2024"),
        (dt.date(2024, 11, 1), dt.date(2024, 11, 30), "month", "tháng 11/2024"),
        (dt.date(2024, 2, 1), dt.date(2024, 2, 29), "month", "tháng 02/2024"),
        (dt.date(2024, 2, 1), dt.date(2024, 2, 28), "range", "trong khoảng 01/02/2024 – 28/02/2024"),
        (dt.date(2023, 1, 1), dt.date(2024, 11, 19), "range", "trong khoảng 01/01/2023 – 19/11/2024"),
        (dt.date(2023, 1, 1), dt.date(2024, 12, 31), "range", "trong khoảng 01/01/2023 – 31/12/2024"),
    ],
)
def test_an_event_whose_day_is_not_known_is_named_by_its_window(start, end, window, label):
    event = Event(title="Hội thảo khoa học", start_date=start, end_date=end, day_unknown=True)
    assert (event.window, event.window_label) == (window, label)
    assert str(event) == f"Hội thảo khoa học ({label})"


def test_an_event_whose_day_is_known_has_no_window_label():
    event = Event(title="Hội nghị", start_date=dt.date(2024, 1, 1), end_date=dt.date(2024, 12, 31))
    assert (event.window, event.window_label, event.window_iso) == ("day", "", "")
    assert str(event) == "Hội nghị (01/01/2024)"
