"""Media in S3-compatible object storage (MEDIA_STORAGE=s3, portal/storage.py), against the test
server .ci/run starts (tests/s3.py): what the admin uploads, the renditions made from it and the
public pages that link to it, with nothing written to the web server's own disk."""

import io
import re
import urllib.request

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from committees.models import Decision, OrganizationKind
from events.models import EventFormat, EventKind, EventPhoto
from events.services import event_publish
from portal.media import MEDIA_TYPES
from tests.admin_forms import change_form_data, management_forms
from tests.committees.factories import OrganizationFactory, SteeringCommitteeFactory
from tests.events.factories import EVENT_INLINES, EventDocumentFactory
from tests.files import docx_bytes, image_bytes, pdf_bytes

pytestmark = pytest.mark.django_db

RANDOM = "[0-9a-f]{32}"
DOCX = MEDIA_TYPES["docx"]
DOCUMENT = docx_bytes()


def local_files(settings) -> list[str]:
    return sorted(str(path) for path in settings.MEDIA_ROOT.rglob("*") if path.is_file())


def fetch(url: str):
    """(status, headers, body) of a GET from anywhere, as a reader's browser would."""
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - the test server
        return response.status, response.headers, response.read()


def event_with_files(admin_client, academy, django_capture_on_commit_callbacks):
    """An event entered through the admin with a photo and a Word document; its renditions are made
    by the task queued on commit."""
    data = {
        "title": "Hội nghị sơ kết Quy chế phối hợp",
        "slug": "",
        "kind": EventKind.CONFERENCE,
        "purpose": "interim_review",
        "level": "",
        "format": EventFormat.IN_PERSON,
        "start_date": "25/08/2021",
        "part_of_day": "morning",
        "start_time": "",
        "end_date": "",
        "end_time": "",
        "host": str(academy.pk),
        "summary": "",
        **management_forms(EVENT_INLINES, photos=1, documents=1),
        "photos-0-image": SimpleUploadedFile("toan-canh.jpg", image_bytes(size=(1600, 900)), "image/jpeg"),
        "photos-0-caption": "Toàn cảnh Hội nghị",
        "photos-0-credit": "",
        "photos-0-order": "0",
        # The browser's claim is not what the object is served as.
        "documents-0-file": SimpleUploadedFile("Báo cáo sơ kết.docx", DOCUMENT, "text/html"),
        "documents-0-title": "Báo cáo sơ kết",
        "documents-0-order": "0",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:events_event_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    photo = EventPhoto.objects.select_related("event").get()
    event_publish(event=photo.event, by=None)  # a new event is a draft readers cannot see
    return photo


@pytest.fixture
def academy():
    return OrganizationFactory(
        name="Học viện Chính trị quốc gia Hồ Chí Minh", kind=OrganizationKind.NATIONAL_ACADEMY
    )


@pytest.mark.s3
def test_a_decision_uploaded_in_the_admin_lands_in_the_bucket_under_a_random_name_as_a_download(
    admin_client, media_in_s3, settings
):
    committee = SteeringCommitteeFactory()
    pdf = pdf_bytes("Quyet dinh 12")
    data = {
        "number": "12-QĐ/BCĐ35",
        "issued_on": "05/06/2025",
        "kind": "found_team",
        "title": "Quyết định thành lập Tổ thư ký",
        "slug": "",
        "issuer_committee": committee.pk,
        "file": SimpleUploadedFile("Quyết định 12.PDF", pdf, content_type="text/html"),
        "_continue": "1",
    }

    response = admin_client.post(reverse("admin:committees_decision_add"), data)

    assert response.status_code == 302
    [key] = media_in_s3.object_names()
    assert re.fullmatch(rf"decisions/{RANDOM}\.pdf", key)
    assert Decision.objects.get().file.name == key
    head = media_in_s3.head(key)
    assert (head["ContentType"], head["ContentDisposition"]) == (
        "application/pdf",
        f'attachment; filename="{key.split("/")[-1]}"',
    )
    assert media_in_s3.read(key) == pdf
    assert local_files(settings) == []
    change_page = admin_client.get(response["Location"]).content.decode()
    assert f'href="{media_in_s3.public_url}{key}"' in change_page


@pytest.mark.s3
def test_a_photos_renditions_are_made_from_the_bucket_and_stored_in_it(
    admin_client, academy, media_in_s3, settings, django_capture_on_commit_callbacks
):
    photo = event_with_files(admin_client, academy, django_capture_on_commit_callbacks)

    stem = photo.image.name.removeprefix("events/photos/").removesuffix(".jpg")
    assert re.fullmatch(RANDOM, stem)
    assert (photo.thumbnail.name, photo.medium.name) == (
        f"events/renditions/{stem}-thumbnail.jpg",
        f"events/renditions/{stem}-medium.jpg",
    )
    sizes = {}
    for key in (photo.image.name, photo.thumbnail.name, photo.medium.name):
        head = media_in_s3.head(key)
        assert head["ContentType"] == "image/jpeg"
        assert "ContentDisposition" not in head
        with Image.open(io.BytesIO(media_in_s3.read(key))) as image:
            sizes[key] = image.size
    assert list(sizes.values()) == [(1600, 900), (480, 270), (1280, 720)]
    assert local_files(settings) == []


@pytest.mark.s3
def test_the_public_event_page_links_to_the_files_in_the_bucket_with_their_sizes(
    client, admin_client, academy, media_in_s3, django_capture_on_commit_callbacks
):
    photo = event_with_files(admin_client, academy, django_capture_on_commit_callbacks)
    document = photo.event.documents.get()

    page = client.get(photo.event.get_absolute_url()).content.decode()

    base = media_in_s3.public_url
    assert f'<a href="{base}{photo.medium.name}"><img src="{base}{photo.thumbnail.name}"' in page
    assert f'<a href="{base}{document.file.name}">Báo cáo sơ kết</a>' in page
    size = len(media_in_s3.read(document.file.name))
    assert re.search(rf"DOCX · {size}\xa0byte", page)
    status, headers, body = fetch(f"{base}{document.file.name}")
    assert (status, headers["Content-Type"], body) == (200, DOCX, DOCUMENT)
    assert headers["Content-Disposition"] == f'attachment; filename="{document.file.name.split("/")[-1]}"'


@pytest.mark.s3
def test_stored_files_are_never_downloaded_to_show_or_save_their_records_again(
    client, admin_client, academy, media_in_s3, django_capture_on_commit_callbacks
):
    photo = event_with_files(admin_client, academy, django_capture_on_commit_callbacks)
    event = photo.event
    for key in media_in_s3.object_names():
        media_in_s3.s3.delete_object(Bucket=media_in_s3.name, Key=key)
    change = reverse("admin:events_event_change", args=[event.pk])
    page = admin_client.get(change)
    data = change_form_data(page) | {"title": "Hội nghị sơ kết Quy chế phối hợp (sửa)", "_continue": "1"}

    response = admin_client.post(change, data)

    assert (page.status_code, response.status_code) == (200, 302)
    assert client.get(event.get_absolute_url()).status_code == 200
    photo.refresh_from_db()
    assert (photo.event.title, photo.width, photo.height) == (
        "Hội nghị sơ kết Quy chế phối hợp (sửa)",
        1600,
        900,
    )


@pytest.mark.s3
@pytest.mark.parametrize(
    ("name", "claimed", "content_type", "disposition"),
    [
        ("events/photos/a1.png", "text/html", "image/png", None),
        ("events/photos/a1.webp", "image/svg+xml", "image/webp", None),
        ("events/documents/a1.docx", "text/html", DOCX, 'attachment; filename="a1.docx"'),
        ("decisions/a1.pdf", "application/javascript", "application/pdf", 'attachment; filename="a1.pdf"'),
        # Never stored by the portal: an opaque download, whatever it claims to be.
        ("events/a1.html", "text/html", "application/octet-stream", 'attachment; filename="a1.html"'),
        ("events/Tệp.bin", "text/html", "application/octet-stream", "attachment"),
    ],
)
def test_each_object_has_the_type_of_its_stored_extension_whatever_the_upload_claims(
    media_in_s3, name, claimed, content_type, disposition
):
    content = ContentFile(b"<script>alert(document.domain)</script>", name=name)
    content.content_type = claimed

    stored = default_storage.save(name, content)

    head = media_in_s3.head(stored)
    assert (head["ContentType"], head.get("ContentDisposition")) == (content_type, disposition)


@pytest.mark.s3
def test_a_documents_size_is_asked_of_the_bucket_once_then_read_from_the_cache(
    client, admin_client, academy, media_in_s3, django_capture_on_commit_callbacks
):
    event = event_with_files(admin_client, academy, django_capture_on_commit_callbacks).event
    document = event.documents.get()
    size = len(DOCUMENT)
    first = client.get(event.get_absolute_url()).content.decode()
    media_in_s3.s3.delete_object(Bucket=media_in_s3.name, Key=document.file.name)

    second = client.get(event.get_absolute_url()).content.decode()

    assert f"DOCX · {size}\xa0byte" in first
    assert f"DOCX · {size}\xa0byte" in second


def test_a_bucket_that_does_not_answer_leaves_the_size_out_instead_of_failing_the_page():
    from botocore.config import Config

    from portal.files import stored_file_size
    from portal.storage import MediaS3Storage
    from tests.deploy.stack import free_port

    storage = MediaS3Storage(
        bucket_name="bcd35-media",
        endpoint_url=f"http://127.0.0.1:{free_port()}",  # nothing listens there
        access_key="key",
        secret_key="secret",  # noqa: S106 - never sent anywhere
        region_name="us-east-1",
        client_config=Config(retries={"max_attempts": 1}, connect_timeout=1),
    )
    document = EventDocumentFactory.build(file="events/documents/a1.docx")
    document.file.storage = storage

    with pytest.raises(OSError, match="events/documents/a1.docx"):
        storage.size("events/documents/a1.docx")
    assert stored_file_size(document.file) is None
