"""The portal's addresses, and views that fail, for tests/portal/test_error_pages.py."""

from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def fails(request):
    raise RuntimeError("a bug")


def not_found(request):
    raise Http404("no such record")


def suspicious(request):
    raise SuspiciousOperation("a forged request")


urlpatterns = [
    path("loi/", fails),
    path("khong-thay/", not_found),
    path("dang-ngo/", suspicious),
    *portal_urlpatterns,
]
