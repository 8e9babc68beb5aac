"""The upload corpus, field by field: every file field of the portal refuses every hostile
file through the admin, as staff would post it, and nothing is saved or stored."""

import io
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, transaction
from django.urls import reverse
from PIL import Image

from agreements.models import Agreement, Milestone
from committees.models import Decision, LegalDocument, Organization, Person
from events.models import EventDocument, EventPhoto
from portal import files
from tests.admin_forms import change_form_data
from tests.agreements.factories import AgreementFactory
from tests.committees.factories import (
    DecisionFactory,
    LegalDocumentFactory,
    OrganizationFactory,
    PersonFactory,
    SteeringCommitteeFactory,
)
from tests.events.factories import EventFactory
from tests.files import docx_bytes, image_bytes, pdf_bytes
from tests.security.corpus import (
    HOSTILE,
    SCRIPT,
    jpeg_with_gps,
    oversized,
    pixel_bomb,
    png_claiming,
    png_with_chunk,
)
from tests.staff import member_of

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class FileFieldSpec:
    """A file field as staff meet it: on its record's change page, or in a new row of an inline."""

    label: str
    model: type[models.Model]
    field_name: str
    page: str  # admin URL name of the change page
    make: object  # () -> the record whose change page is posted
    kind: files.UploadKind
    inline_row: dict = field(default_factory=dict)  # required fields of a new inline row


def _agreement():
    return AgreementFactory(parties=[OrganizationFactory(), OrganizationFactory()])


FIELDS = [
    FileFieldSpec(
        "decision", Decision, "file", "committees_decision", lambda: DecisionFactory(), files.PDF_DOCUMENT
    ),
    FileFieldSpec(
        "legal document",
        LegalDocument,
        "file",
        "committees_legaldocument",
        lambda: LegalDocumentFactory(),
        files.PDF_DOCUMENT,
    ),
    FileFieldSpec("agreement", Agreement, "file", "agreements_agreement", _agreement, files.PDF_DOCUMENT),
    FileFieldSpec(
        "review report",
        Milestone,
        "report",
        "agreements_agreement",
        _agreement,
        files.DOCUMENT,
        {"kind": "interim_review"},
    ),
    FileFieldSpec(
        "event document",
        EventDocument,
        "file",
        "events_event",
        lambda: EventFactory(),
        files.DOCUMENT,
        {"title": "Báo cáo", "order": "0"},
    ),
    FileFieldSpec(
        "event photo",
        EventPhoto,
        "image",
        "events_event",
        lambda: EventFactory(),
        files.PHOTO,
        {"caption": "Toàn cảnh", "order": "0"},
    ),
    FileFieldSpec(
        "person photo", Person, "photo", "committees_person", lambda: PersonFactory(), files.PORTRAIT
    ),
    FileFieldSpec(
        "organisation logo", Organization, "logo", "committees_organization", OrganizationFactory, files.LOGO
    ),
]
FIELD_IDS = [spec.label for spec in FIELDS]

EMPTY = "Tập tin được gửi là rỗng."


def stored_files(root: Path) -> list[str]:
    return (
        sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())
        if root.exists()
        else []
    )


def post_upload(client, spec: FileFieldSpec, upload: SimpleUploadedFile, record=None):
    """Post the change page of a record of `spec` back, with `upload` in the field (a new inline row)."""
    record = record or spec.make()
    url = reverse(f"admin:{spec.page}_change", args=[record.pk])
    page = client.get(url)
    data = change_form_data(page)
    if spec.model is type(record):
        data[spec.field_name] = upload
        return client.post(url, data), None
    [formset] = [
        inline.formset
        for inline in page.context["inline_admin_formsets"]
        if inline.formset.model is spec.model
    ]
    row = int(data[f"{formset.prefix}-TOTAL_FORMS"])
    data[f"{formset.prefix}-TOTAL_FORMS"] = str(row + 1)
    data |= {f"{formset.prefix}-{row}-{name}": value for name, value in spec.inline_row.items()}
    data[f"{formset.prefix}-{row}-{spec.field_name}"] = upload
    return client.post(url, data), formset.prefix


def field_errors(response, spec: FileFieldSpec, prefix: str | None) -> list[str]:
    assert response.status_code == 200, "the form must be shown again with its error"
    if prefix is None:
        return list(response.context["adminform"].form.errors.get(spec.field_name, []))
    [formset] = [
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == prefix
    ]
    return [message for row in formset.errors for message in row.get(spec.field_name, [])]


def extension_refused(extension: str, kind: files.UploadKind) -> str:
    return f"Không nhận tệp có đuôi .{extension} ở đây; hãy tải lên tệp {kind.labels}."


def not_by_content(kind: files.UploadKind) -> str:
    return f"Theo nội dung, tệp không phải là {kind.labels}, dù tên tệp ghi thế nào."


def damaged(kind: files.UploadKind) -> str:
    return f"Không mở được tệp dưới dạng {kind.labels}; tệp có thể đã bị hỏng."


def expected_refusal(case: str, kind: files.UploadKind) -> str:
    """The message staff read for each hostile file, by the kind of field."""
    name = HOSTILE[case][0]
    extension = name.rsplit(".", 1)[-1]
    if case == "zero-byte file":
        return EMPTY
    if extension not in kind.extensions:
        return extension_refused(extension, kind)
    if case == "pixel bomb":
        megapixels = kind.max_pixels // 1_000_000
        return f"Ảnh có quá nhiều điểm ảnh; chỉ cho phép tối đa {megapixels} megapixel."
    if case == "PDF/HTML polyglot named .pdf":
        return damaged(kind)
    return not_by_content(kind)


def record_state(spec: FileFieldSpec, record) -> tuple:
    return spec.model.objects.count(), sorted(
        str(value) for value in spec.model.objects.values_list(spec.field_name, flat=True)
    )


@pytest.mark.parametrize("case", list(HOSTILE))
@pytest.mark.parametrize("spec", FIELDS, ids=FIELD_IDS)
def test_every_file_field_refuses_every_hostile_file_and_saves_nothing(admin_client, media_root, spec, case):
    record = spec.make()
    before = record_state(spec, record), stored_files(media_root)
    name, content = HOSTILE[case]

    response, prefix = post_upload(admin_client, spec, SimpleUploadedFile(name, content), record)

    assert field_errors(response, spec, prefix) == [expected_refusal(case, spec.kind)]
    assert (record_state(spec, record), stored_files(media_root)) == before


@pytest.mark.parametrize("spec", FIELDS, ids=FIELD_IDS)
def test_every_file_field_refuses_a_file_over_its_size_limit(admin_client, media_root, spec):
    name = "lon.pdf" if files.PDF in spec.kind.types else "lon.jpg"
    name, content = oversized(spec.kind.max_size, name)

    response, prefix = post_upload(admin_client, spec, SimpleUploadedFile(name, content))

    [message] = field_errors(response, spec, prefix)
    assert message.startswith("Tệp có dung lượng ") and message.endswith(
        f"chỉ cho phép tối đa {spec.kind.max_size // (1024 * 1024)},0\xa0MB."
    )
    assert stored_files(media_root) == []


def test_staff_allowed_only_to_add_decisions_cannot_store_the_polyglot(client, django_user_model, media_root):
    """The attack of the report: a staff member with one permission uploads an HTML polyglot."""
    staff = django_user_model.objects.create_user(username="thu-ky", password="x", is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["add_decision", "view_decision"]))
    committee = SteeringCommitteeFactory()
    member_of(staff, committee.organization)  # a decision of their own committee
    client.force_login(staff)
    name, content = HOSTILE["PDF/HTML polyglot named .html"]

    response = client.post(
        reverse("admin:committees_decision_add"),
        {
            "number": "99/QĐ-BCĐ35",
            "issued_on": "01/06/2025",
            "issuer_committee": committee.pk,
            "kind": "other",
            "title": "Quyết định 99",
            "slug": "",
            "file": SimpleUploadedFile(name, content, content_type="application/pdf"),
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["file"] == [
        extension_refused("html", files.PDF_DOCUMENT)
    ]
    assert Decision.objects.count() == 0
    assert stored_files(media_root) == []


# --- What is accepted is stored safely ----------------------------------------------------------


ACCEPTED = {
    files.PDF_DOCUMENT: ("Quyết định số 12.PDF", pdf_bytes(), "pdf"),
    files.DOCUMENT: ("Báo cáo sơ kết.docx", docx_bytes(), "docx"),
    files.PHOTO: ("Toàn cảnh.JPEG", image_bytes("JPEG", (64, 48)), "jpg"),
    files.PORTRAIT: ("chan dung.png", image_bytes("PNG", (30, 40)), "png"),
    files.LOGO: ("logo.webp", image_bytes("WEBP", (20, 20)), "webp"),
}


@pytest.mark.parametrize("spec", FIELDS, ids=FIELD_IDS)
def test_an_accepted_file_is_stored_under_a_random_name_with_the_extension_of_its_type(
    admin_client, media_root, spec
):
    name, content, extension = ACCEPTED[spec.kind]

    response, _prefix = post_upload(admin_client, spec, SimpleUploadedFile(name, content))

    assert response.status_code == 302, response.context and response.context.get("errors")
    [stored] = stored_files(media_root)
    folder, _, filename = stored.rpartition("/")
    stem, _, stored_extension = filename.partition(".")
    assert (len(stem), stored_extension) == (32, extension)
    assert int(stem, 16) >= 0  # hexadecimal, nothing of the client's name
    assert folder == spec.model._meta.get_field(spec.field_name).folder


def test_a_png_with_a_script_chunk_is_stored_re_encoded_without_it(admin_client, media_root):
    spec = next(spec for spec in FIELDS if spec.label == "event photo")

    response, _prefix = post_upload(admin_client, spec, SimpleUploadedFile("anh.png", png_with_chunk()))

    assert response.status_code == 302
    [stored] = stored_files(media_root)
    data = (media_root / stored).read_bytes()
    assert stored.endswith(".png")
    assert SCRIPT not in data and b"tEXt" not in data
    with Image.open(media_root / stored) as image:
        assert (image.format, image.size, image.getpixel((5, 5))) == ("PNG", (10, 10), (200, 0, 0, 255))


def test_a_photo_loses_its_exif_location_when_stored(media_root):
    event = EventFactory()
    photo = EventPhoto(event=event, caption="Toàn cảnh", image=SimpleUploadedFile("anh.jpg", jpeg_with_gps()))
    photo.full_clean()
    photo.save()

    with Image.open(photo.image.path) as image:
        assert dict(image.getexif()) == {}
        assert "exif" not in image.info
        assert image.size == (32, 24)
    assert (photo.width, photo.height) == (32, 24)


def test_a_picture_turned_by_its_exif_orientation_is_stored_upright(media_root):
    buffer_image = Image.new("RGB", (40, 20), (0, 0, 255))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    buffer = io.BytesIO()
    buffer_image.save(buffer, "JPEG", exif=exif)
    photo = EventPhoto(
        event=EventFactory(), caption="Ảnh", image=SimpleUploadedFile("anh.jpg", buffer.getvalue())
    )
    photo.full_clean()
    photo.save()

    assert (photo.width, photo.height) == (20, 40)


# --- Every path, not only forms -----------------------------------------------------------------


def test_a_hostile_file_saved_without_a_form_is_refused_before_anything_is_stored(media_root):
    """A service, an import or a job saving without full_clean() still stores nothing unchecked."""
    photo = EventPhoto(
        event=EventFactory(), caption="Ảnh", image=SimpleUploadedFile("x.html", png_with_chunk())
    )

    with pytest.raises(ValidationError) as refused, transaction.atomic():
        photo.save()

    assert refused.value.messages == [extension_refused("html", files.PHOTO)]
    assert EventPhoto.objects.count() == 0
    assert stored_files(media_root) == []


def test_a_person_photo_of_144_megapixels_is_refused(media_root):
    person = PersonFactory()
    person.photo = SimpleUploadedFile("chan-dung.png", png_claiming(12000, 12000))
    with pytest.raises(ValidationError) as refused:
        person.full_clean()
    assert refused.value.message_dict["photo"] == [
        "Ảnh có kích thước 12000 × 12000 điểm ảnh; chỉ cho phép tối đa 25 megapixel."
    ]


def test_a_bmp_logo_is_refused_whatever_its_name(media_root):
    organization = OrganizationFactory()
    bmp = image_bytes("BMP", (100, 100))
    for name, message in [
        ("logo.bmp", extension_refused("bmp", files.LOGO)),
        ("logo.png", not_by_content(files.LOGO)),
    ]:
        organization.logo = SimpleUploadedFile(name, bmp)
        with pytest.raises(ValidationError) as refused:
            organization.full_clean()
        assert refused.value.message_dict["logo"] == [message]


def test_a_pdf_with_javascript_or_a_password_is_refused():
    from pypdf import PdfWriter
    from pypdf.actions import JavaScript

    scripted = PdfWriter()
    scripted.add_blank_page(200, 200)
    scripted.add_open_action(JavaScript("app.alert('x');"))
    locked = PdfWriter()
    locked.add_blank_page(200, 200)
    locked.encrypt("mat-khau")
    cases = [
        (scripted, "Tệp PDF có chứa JavaScript hoặc lệnh mở chương trình; không chấp nhận loại tệp này."),
        (locked, "Tệp PDF được bảo vệ bằng mật khẩu. Hãy tải lên bản không đặt mật khẩu."),
    ]
    for writer, message in cases:
        buffer = io.BytesIO()
        writer.write(buffer)
        with pytest.raises(ValidationError) as refused:
            files.inspect_upload(SimpleUploadedFile("qd.pdf", buffer.getvalue()), files.PDF_DOCUMENT)
        assert refused.value.messages == [message]


def test_a_pixel_bomb_is_refused_from_its_header_alone():
    bomb = SimpleUploadedFile("bom.jpg", pixel_bomb())
    assert len(bomb) < 1000
    with pytest.raises(ValidationError) as refused:
        files.inspect_upload(bomb, files.PHOTO)
    assert refused.value.code == "image_too_large"


def test_html_is_never_a_stored_extension():
    assert files.RandomName("events/photos")(None, "upload.html").endswith(".bin")
    assert files.RandomName("events/photos")(None, "upload.JPG").endswith(".jpg")
