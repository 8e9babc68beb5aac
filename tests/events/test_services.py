import datetime as dt
import io

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from committees.models import Role
from committees.services import person_create
from events.models import Attendee, Event, EventChair, EventFormat, EventPhoto, EventSite, EventStatus, Speech
from events.services import (
    event_check_sites,
    event_copy,
    event_fill_title_lines,
    event_photo_make_renditions,
    event_save,
)
from portal.services import Row, Rows
from tests.committees.factories import OrganizationFactory, PositionFactory
from tests.events.factories import SpeechFactory

pytestmark = pytest.mark.django_db

REVIEW_DAY = dt.date(2021, 8, 25)


def jpeg(width=1600, height=900, colour=(180, 30, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def academy():
    return OrganizationFactory(name="Học viện Chính trị khu vực IV")


@pytest.fixture
def review(academy):
    return Event.objects.create(
        title="Hội nghị sơ kết Quy chế phối hợp",
        slug="hoi-nghi-so-ket",
        kind="conference",
        purpose="interim_review",
        format=EventFormat.ONLINE,
        start_date=REVIEW_DAY,
        host=academy,
    )


@pytest.fixture
def khanh(academy):
    person = person_create(by=None, written_name="TS Phan Công Khanh")
    PositionFactory(person=person, role=Role.DIRECTOR, organization=academy, end_date=dt.date(2023, 12, 31))
    return person


@pytest.mark.parametrize("event_format", [EventFormat.ONLINE, EventFormat.HYBRID])
def test_an_online_event_without_a_site_is_refused(event_format):
    with pytest.raises(ValidationError) as refused:
        event_check_sites(event_format=event_format, sites=[])
    assert refused.value.messages == ["Sự kiện trực tuyến phải có ít nhất một điểm cầu."]


def test_an_event_in_person_needs_no_site_and_an_online_one_with_a_site_passes():
    assert event_check_sites(event_format=EventFormat.IN_PERSON, sites=[]) is None
    assert event_check_sites(event_format=EventFormat.ONLINE, sites=[EventSite(is_main=True)]) is None


def test_title_lines_are_filled_from_positions_on_the_event_date_and_never_rewritten(review, khanh, academy):
    speech = Speech.objects.create(event=review, person=khanh, role="opening", order=1)
    chair = EventChair.objects.create(event=review, person=khanh)
    assert event_fill_title_lines(event=review) == 2
    speech.refresh_from_db()
    chair.refresh_from_db()
    assert speech.title_line == "TS Phan Công Khanh, Giám đốc Học viện Chính trị khu vực IV"
    assert chair.title_line == "TS Phan Công Khanh, Giám đốc Học viện Chính trị khu vực IV"

    # Later he becomes Party secretary; what was printed for 2021 stays.
    PositionFactory(person=khanh, role=Role.SECRETARY, organization=academy, start_date=dt.date(2024, 1, 1))
    assert event_fill_title_lines(event=review) == 0
    speech.refresh_from_db()
    assert speech.title_line == "TS Phan Công Khanh, Giám đốc Học viện Chính trị khu vực IV"


def test_an_edited_title_line_is_kept(review, khanh):
    Speech.objects.create(
        event=review, person=khanh, role="closing", order=5, title_line="TS Phan Công Khanh"
    )
    assert event_fill_title_lines(event=review) == 0
    assert Speech.objects.get().title_line == "TS Phan Công Khanh"


def test_copy_keeps_the_structure_without_dates_or_outcomes(review, khanh, academy):
    main = EventSite.objects.create(event=review, organization=academy, is_main=True)
    EventSite.objects.create(event=review, place="các tỉnh khu vực Tây Nam Bộ")
    Attendee.objects.create(event=review, site=main, person=khanh, title_line="in năm 2021")
    Speech.objects.create(
        event=review, person=khanh, role="opening", order=1, title_line="x", summary="Nội dung"
    )
    review.key_figures.create(value=3, label="phương hướng")
    review.awards.create(recipient_collective="tập thể")

    copy = event_copy(event=review, by=None)

    assert copy.pk != review.pk
    assert copy.title == "Bản sao: Hội nghị sơ kết Quy chế phối hợp"
    assert copy.slug == "ban-sao-hoi-nghi-so-ket-quy-che-phoi-hop"
    assert (copy.status, copy.format, copy.host) == (EventStatus.DRAFT, EventFormat.ONLINE, academy)
    assert [(s.organization, s.place, s.is_main) for s in copy.sites.order_by("-is_main", "pk")] == [
        (academy, "", True),
        (None, "các tỉnh khu vực Tây Nam Bộ", False),
    ]
    [speech] = copy.speeches.all()
    assert (speech.person, speech.role, speech.order, speech.title_line, speech.summary) == (
        khanh,
        "opening",
        1,
        "",
        "",
    )
    [attendee] = copy.attendees.all()
    assert attendee.site.event == copy
    assert copy.key_figures.count() == 0
    assert copy.awards.count() == 0
    assert review.speeches.get().title_line == "x"


def test_renditions_are_made_once_as_jpegs_within_their_size(review, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    photo = EventPhoto(event=review, caption="Toàn cảnh Hội nghị", order=1)
    photo.image = SimpleUploadedFile("toan-canh.jpg", jpeg(), "image/jpeg")
    photo.full_clean()
    photo.save()

    assert event_photo_make_renditions(photo=photo) == ["thumbnail", "medium"]
    photo.refresh_from_db()
    with Image.open(photo.thumbnail.path) as thumb, Image.open(photo.medium.path) as medium:
        assert (thumb.format, thumb.size) == ("JPEG", (480, 270))
        assert (medium.format, medium.size) == ("JPEG", (1280, 720))
    assert photo.display_url == photo.medium.url
    assert event_photo_make_renditions(photo=photo) == []


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "anh.jpg",
            b"not a picture at all",
            "Theo nội dung, tệp không phải là JPEG, PNG hoặc WebP, dù tên tệp ghi thế nào.",
        ),
        (
            "anh.jpg",
            jpeg()[:300],
            "Không mở được tệp dưới dạng JPEG, PNG hoặc WebP; tệp có thể đã bị hỏng.",
        ),
        (
            "anh.png",
            jpeg(),
            "Tệp có đuôi .png nhưng nội dung là JPEG; hãy đổi tên tệp hoặc tải lên đúng tệp.",
        ),
    ],
)
def test_a_fake_or_broken_photo_is_refused(review, name, content, message):
    photo = EventPhoto(event=review, caption="Ảnh")
    photo.image = SimpleUploadedFile(name, content, "image/jpeg")
    with pytest.raises(ValidationError) as refused:
        photo.full_clean()
    assert message in refused.value.message_dict["image"]


def test_a_gif_is_refused_for_its_format(review):
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "GIF")
    photo = EventPhoto(event=review, caption="Ảnh")
    photo.image = SimpleUploadedFile("anh.gif", buffer.getvalue(), "image/gif")
    with pytest.raises(ValidationError) as refused:
        photo.full_clean()
    assert refused.value.message_dict["image"] == [
        "Không nhận tệp có đuôi .gif ở đây; hãy tải lên tệp JPEG, PNG hoặc WebP."
    ]


def test_an_oversized_photo_is_refused(review):
    photo = EventPhoto(event=review, caption="Ảnh")
    photo.image = SimpleUploadedFile("lon.jpg", jpeg() + b"\0" * (10 * 1024 * 1024), "image/jpeg")
    with pytest.raises(ValidationError) as refused:
        photo.full_clean()
    assert refused.value.message_dict["image"][0].startswith("Tệp có dung lượng 10,")


# --- event_save: the one writer of an event and its rows ----------------------------------------

NO_SITE = "Sự kiện trực tuyến phải có ít nhất một điểm cầu."
SAME_ORDER = "Hai phát biểu của sự kiện có cùng số thứ tự."
TWO_MAIN_SITES = "Mỗi sự kiện chỉ có một điểm cầu chính."


def new_review(academy, **fields) -> Event:
    values = {
        "title": "Hội nghị sơ kết",
        "slug": "hoi-nghi-so-ket",
        "kind": "conference",
        "purpose": "interim_review",
        "format": EventFormat.ONLINE,
        "start_date": REVIEW_DAY,
        "host": academy,
    }
    return Event(**(values | fields))


def test_event_save_creates_the_event_with_its_rows_title_lines_renditions_and_history(
    academy, khanh, admin_user, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    event = new_review(academy)
    photo = EventPhoto(caption="Toàn cảnh", image=SimpleUploadedFile("toan-canh.jpg", jpeg(), "image/jpeg"))
    regional = OrganizationFactory(name="Học viện Chính trị khu vực II")

    with django_capture_on_commit_callbacks() as callbacks:
        event_save(
            event=event,
            by=admin_user,
            many_to_many={"co_organizers": [regional]},
            rows=[
                Rows.of(EventSite, "event", EventSite(organization=academy, is_main=True)),
                Rows.of(Speech, "event", Speech(person=khanh, role="opening", order=1)),
                Rows.of(EventPhoto, "event", photo),
            ],
        )

    assert list(event.co_organizers.all()) == [regional]
    assert list(event.sites.values_list("organization", "is_main")) == [(academy.pk, True)]
    assert list(event.speeches.values_list("order", "title_line")) == [
        (1, "TS Phan Công Khanh, Giám đốc Học viện Chính trị khu vực IV")
    ]
    assert [
        (entry.user, entry.action_flag, entry.get_change_message()) for entry in LogEntry.objects.all()
    ] == [(admin_user, ADDITION, "Được thêm.")]
    queued = [callback for callback in callbacks if "enqueue_on_commit" in callback.__qualname__]
    assert len(queued) == 1
    assert list(event.photos.all()) == [photo]


@pytest.mark.parametrize("event_format", [EventFormat.ONLINE, EventFormat.HYBRID])
def test_event_save_refuses_an_online_event_without_a_site_and_saves_nothing(academy, event_format):
    with pytest.raises(ValidationError) as refused:
        event_save(event=new_review(academy, format=event_format), by=None)

    assert refused.value.messages == [NO_SITE]
    assert Event.objects.count() == 0


def test_event_save_counts_the_sites_left_once_rows_are_deleted(review, academy):
    site = EventSite.objects.create(event=review, organization=academy)

    with pytest.raises(ValidationError) as refused:
        event_save(event=review, by=None, rows=[Rows(EventSite, "event", delete=[site])])

    assert refused.value.messages == [NO_SITE]
    assert list(review.sites.all()) == [site]


def test_event_save_refuses_a_second_main_site(review, academy):
    EventSite.objects.create(event=review, organization=academy, is_main=True)

    with pytest.raises(ValidationError) as refused:
        event_save(
            event=review,
            by=None,
            rows=[Rows.of(EventSite, "event", EventSite(place="Cần Thơ", is_main=True))],
        )

    assert refused.value.messages == [TWO_MAIN_SITES]
    assert review.sites.count() == 1


def test_event_save_refuses_two_speeches_with_the_same_order(review, academy, khanh):
    EventSite.objects.create(event=review, organization=academy)
    Speech.objects.create(event=review, person=khanh, role="opening", order=1)

    with pytest.raises(ValidationError) as refused:
        event_save(
            event=review,
            by=None,
            rows=[Rows.of(Speech, "event", Speech(person=khanh, role="closing", order=1))],
        )

    assert refused.value.messages == [SAME_ORDER]
    assert review.speeches.count() == 1


def test_event_save_renumbers_speeches_among_themselves_and_records_the_change(
    review, academy, khanh, admin_user
):
    EventSite.objects.create(event=review, organization=academy)
    first = Speech.objects.create(event=review, person=khanh, role="opening", order=1)
    second = Speech.objects.create(event=review, person=khanh, role="closing", order=2)
    first.order, second.order = 2, 1
    review.title = "Hội nghị sơ kết 18 tháng"

    event_save(
        event=review,
        by=admin_user,
        rows=[Rows(Speech, "event", save=[Row(first, changed=["order"]), Row(second, changed=["order"])])],
    )

    assert list(review.speeches.values_list("pk", "order")) == [(second.pk, 1), (first.pk, 2)]
    [entry] = LogEntry.objects.all()
    assert entry.get_change_message() == (
        "Đã thay đổi tiêu đề. "
        "Đã thay đổi thứ tự cho phát biểu “2. opening speech (khai mạc): TS Phan Công Khanh”. "
        "Đã thay đổi thứ tự cho phát biểu “1. closing speech (kết luận): TS Phan Công Khanh”."
    )


def test_event_copy_records_its_addition_with_the_user(review, admin_user):
    copy = event_copy(event=review, by=admin_user)

    assert list(LogEntry.objects.values_list("object_id", "action_flag", "change_message")) == [
        (str(copy.pk), ADDITION, "Sao chép từ “Hội nghị sơ kết Quy chế phối hợp”.")
    ]


def test_a_copy_leaves_out_the_points_of_the_speeches_with_their_summaries():
    speech = SpeechFactory(summary="Tóm tắt", points="Thứ nhất\nThứ hai")

    copy = event_copy(event=speech.event, by=None)

    assert list(copy.speeches.values_list("summary", "points")) == [("", "")]
    assert speech.point_list == ["Thứ nhất", "Thứ hai"]
