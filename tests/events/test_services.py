import datetime as dt
import io

import pytest
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
)
from tests.committees.factories import OrganizationFactory, PositionFactory

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
    person = person_create(written_name="TS Phan Công Khanh")
    PositionFactory(person=person, role=Role.DIRECTOR, organization=academy, end_date=dt.date(2023, 12, 31))
    return person


@pytest.mark.parametrize("event_format", [EventFormat.ONLINE, EventFormat.HYBRID])
def test_an_online_event_without_a_site_is_refused(event_format):
    with pytest.raises(ValidationError) as refused:
        event_check_sites(event_format=event_format, site_count=0)
    assert refused.value.messages == ["Sự kiện trực tuyến phải có ít nhất một điểm cầu."]


def test_an_event_in_person_needs_no_site_and_an_online_one_with_a_site_passes():
    assert event_check_sites(event_format=EventFormat.IN_PERSON, site_count=0) is None
    assert event_check_sites(event_format=EventFormat.ONLINE, site_count=1) is None


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

    copy = event_copy(event=review)

    assert copy.pk != review.pk
    assert copy.title == "Bản sao: Hội nghị sơ kết Quy chế phối hợp"
    assert copy.slug == "ban-sao-hoi-nghi-so-ket-quy-che-phoi-hop"
    assert (copy.status, copy.format, copy.host) == (EventStatus.PLANNED, EventFormat.ONLINE, academy)
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
