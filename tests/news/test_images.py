"""Pictures uploaded from the editor: who may, what is accepted, and what CKEditor is told."""

import io
import json

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from PIL import Image

from portal.files import MEGABYTE
from portal.news.images import article_image_upload
from portal.news.models import ArticleImage
from tests.files import image_bytes, jpeg_upload, upload
from tests.news.factories import CHIEF_EDITORS, EDITORS, user_in
from tests.security.corpus import HOSTILE, SVG_WITH_SCRIPT, jpeg_with_gps, oversized, png_claiming

pytestmark = pytest.mark.django_db

URL = "/admin/news/article/images/upload/"


@pytest.fixture
def editor():
    return user_in(EDITORS, username="editor")


def post(client, user, file, **extra):
    if user is not None:
        client.force_login(user)
    return client.post(URL, {"upload": file} if file is not None else {}, **extra)


def error_of(response) -> str:
    return response.json()["error"]["message"]


def test_the_upload_address_is_the_one_the_editor_is_given():
    assert reverse("admin:news_article_image_upload") == URL


@pytest.mark.parametrize("group", [EDITORS, CHIEF_EDITORS])
def test_an_editor_uploads_a_picture_and_the_editor_is_told_its_address(client, media_root, group):
    user = user_in(group, username="writer")

    response = post(client, user, jpeg_upload("Ảnh hội nghị.JPG", 640, 480))

    image = ArticleImage.objects.get()
    assert response.status_code == 200
    assert response.json() == {"url": f"/media/{image.file.name}", "width": 640, "height": 480}
    assert image.file.name.startswith("news/images/") and image.file.name.endswith(".jpg")
    assert "hoi" not in image.file.name.lower() and len(image.file.name) == len("news/images/") + 32 + 4
    assert (image.width, image.height, image.uploaded_by) == (640, 480, user)
    assert (media_root / image.file.name).is_file()


@pytest.mark.parametrize(
    ("name", "image_format", "extension"),
    [("a.png", "PNG", "png"), ("a.webp", "WEBP", "webp"), ("a.gif", "GIF", "gif"), ("a.jpeg", "JPEG", "jpg")],
)
def test_jpeg_png_webp_and_gif_are_accepted_under_the_detected_extension(
    client, editor, media_root, name, image_format, extension
):
    response = post(client, editor, upload(name, image_bytes(image_format, (30, 20))))

    assert response.status_code == 200
    stored = ArticleImage.objects.get().file.name
    assert stored.endswith(f".{extension}")
    with Image.open(media_root / stored) as picture:
        assert (picture.format, picture.size) == (image_format, (30, 20))


def test_the_location_in_a_photo_is_not_kept(client, editor, media_root):
    post(client, editor, upload("anh.jpg", jpeg_with_gps()))

    with Image.open(media_root / ArticleImage.objects.get().file.name) as picture:
        assert dict(picture.getexif()) == {}
        assert "exif" not in picture.info


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("shell.jpg", b"<?php system($_GET['c']); ?>", "tệp không phải là JPEG, PNG, WebP hoặc GIF"),
        ("trang.jpg", HOSTILE["script renamed .jpg"][1], "tệp không phải là JPEG, PNG, WebP hoặc GIF"),
        ("logo.svg", SVG_WITH_SCRIPT, "Không nhận tệp có đuôi .svg"),
        ("logo.jpg", SVG_WITH_SCRIPT, "tệp không phải là JPEG, PNG, WebP hoặc GIF"),
        ("trang.html", HOSTILE["HTML file"][1], "Không nhận tệp có đuôi .html"),
        ("bom.jpg", HOSTILE["pixel bomb"][1], "Ảnh có quá nhiều điểm ảnh"),
        ("bom.png", png_claiming(8000, 6000), "Ảnh có kích thước 8000 × 6000 điểm ảnh"),
        ("rong.jpg", b"", "Tệp rỗng"),
        ("anh.png", image_bytes("JPEG", (8, 8)), "Tệp có đuôi .png nhưng nội dung là JPEG"),
        ("anh\x00.php", image_bytes("JPEG", (8, 8)), "Không nhận tệp có đuôi .php"),
        ("anh.php\x00.jpg", b"<?php echo 1; ?>", "tệp không phải là JPEG, PNG, WebP hoặc GIF"),
        oversized(10 * MEGABYTE, "lon.jpg") + ("chỉ cho phép tối đa 10,0\xa0MB",),
    ],
    ids=[
        "PHP renamed .jpg",
        "HTML renamed .jpg",
        "SVG",
        "SVG renamed .jpg",
        "HTML",
        "pixel bomb",
        "over 40 megapixels",
        "empty",
        "JPEG named .png",
        "NUL byte then .php",
        "NUL byte hiding .php",
        "over 10 MB",
    ],
)
def test_a_hostile_or_wrong_file_is_refused_with_its_reason_and_nothing_is_stored(
    client, editor, media_root, name, content, message
):
    response = post(client, editor, upload(name, content))

    assert response.status_code == 400
    assert message in error_of(response)
    assert ArticleImage.objects.count() == 0
    assert not (media_root / "news").exists()


def test_a_request_without_a_file_is_refused_with_a_reason(client, editor):
    response = post(client, editor, None)

    assert (response.status_code, error_of(response)) == (400, "Hãy chọn một ảnh để tải lên.")


@pytest.mark.parametrize("permissions", [(), ("view_article",), ("view_article", "submit_article")])
def test_staff_who_may_not_write_articles_are_refused_in_json(client, media_root, permissions):
    viewer = user_in(None, username="viewer", permissions=permissions)

    response = post(client, viewer, jpeg_upload())

    assert (response.status_code, error_of(response)) == (403, "Bạn không có quyền tải ảnh lên cho bài viết.")
    assert ArticleImage.objects.count() == 0


def test_whoever_may_change_articles_may_upload(client, media_root):
    changer = user_in(None, username="changer", permissions=("change_article",))

    assert post(client, changer, jpeg_upload()).status_code == 200


def test_anonymous_and_non_staff_are_sent_to_sign_in(client, media_root):
    outsider = User.objects.create_user("outsider", password="x")

    for user in (None, outsider):
        response = post(Client(), user, jpeg_upload())
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    assert ArticleImage.objects.count() == 0


def test_an_upload_without_the_csrf_token_is_refused(editor, media_root):
    client = Client(enforce_csrf_checks=True)

    response = post(client, editor, jpeg_upload())

    assert response.status_code == 403
    assert ArticleImage.objects.count() == 0


def test_an_upload_with_the_csrf_header_as_ckeditor_sends_it_is_accepted(editor, media_root):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    client.get("/admin/news/article/add/")
    token = client.cookies["csrftoken"].value

    response = client.post(URL, {"upload": jpeg_upload()}, headers={"X-CSRFToken": token})

    assert response.status_code == 200


def test_get_is_not_allowed(client, editor):
    client.force_login(editor)

    assert client.get(URL).status_code == 405


def test_the_service_refuses_a_user_without_permission_and_checks_the_content(media_root):
    viewer = user_in(None, username="viewer", permissions=("view_article",))

    with pytest.raises(PermissionDenied):
        article_image_upload(file=jpeg_upload(), by=viewer)
    with pytest.raises(ValidationError) as refused:
        article_image_upload(file=upload("x.jpg", b"<?php echo 1; ?>"), by=None)
    assert refused.value.code == "wrong_type"


def test_a_sideways_photo_is_stored_upright_with_its_upright_size(media_root):
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: turn 90° clockwise to display
    buffer = io.BytesIO()
    Image.new("RGB", (60, 20), (0, 0, 0)).save(buffer, "JPEG", exif=exif)

    image = article_image_upload(file=upload("xoay.jpg", buffer.getvalue()), by=None)

    assert (image.width, image.height) == (20, 60)
    with Image.open(media_root / image.file.name) as picture:
        assert picture.size == (20, 60)


def test_the_json_error_is_plain_json(client, editor):
    response = post(client, editor, upload("x.svg", SVG_WITH_SCRIPT))

    assert response["Content-Type"] == "application/json"
    assert set(json.loads(response.content)) == {"error"}
