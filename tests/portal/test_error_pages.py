"""404 and 500 are the site's Vietnamese pages in every mode, DEBUG on included (`make run`):
a reader of the demo never sees Django's debug pages, unless DEBUG_PAGES asks for them
(portal.middleware.SitePagesInDebugMiddleware)."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.portal.error_urls")]

NOT_FOUND = "Không tìm thấy trang"
SERVER_ERROR = "Đã xảy ra lỗi"


@pytest.fixture
def reader(client):
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize("debug", [True, False])
@pytest.mark.parametrize("address", ["/khong-co-trang-nay/", "/khong-thay/"])
def test_a_missing_page_is_the_sites_vietnamese_page(reader, settings, debug, address):
    settings.DEBUG = debug
    response = reader.get(address)
    page = response.content.decode()
    assert (response.status_code, response["Content-Type"]) == (404, "text/html; charset=utf-8")
    assert NOT_FOUND in page
    assert "Django" not in page and "URLconf" not in page and "Page not found" not in page


@pytest.mark.parametrize("debug", [True, False])
def test_an_error_is_the_sites_vietnamese_page_and_is_logged(reader, settings, caplog, debug):
    settings.DEBUG = debug
    response = reader.get("/loi/")
    page = response.content.decode()
    assert response.status_code == 500
    assert SERVER_ERROR in page
    assert "Traceback" not in page and "RuntimeError" not in page
    errors = [record for record in caplog.records if record.name == "django.request"]
    assert [(record.levelname, record.exc_info[0]) for record in errors] == [("ERROR", RuntimeError)]


def test_a_bad_request_is_the_sites_page_with_debug_on(reader, settings):
    settings.DEBUG = True
    response = reader.get("/dang-ngo/")
    assert response.status_code == 400
    assert "SuspiciousOperation" not in response.content.decode()


@pytest.mark.parametrize(
    ("address", "status", "technical"),
    [
        ("/khong-co-trang-nay/", 404, "URLconf"),
        ("/khong-thay/", 404, "no such record"),
        ("/loi/", 500, "RuntimeError"),
    ],
)
def test_debug_pages_asks_for_djangos_technical_pages(reader, settings, address, status, technical):
    settings.DEBUG, settings.DEBUG_PAGES = True, True
    response = reader.get(address)
    assert response.status_code == status
    assert technical in response.content.decode()
