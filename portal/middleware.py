from django.core.exceptions import SuspiciousOperation
from django.http import HttpResponse
from django.views.defaults import bad_request

HEALTHZ_PATH = "/healthz"


class HealthCheckMiddleware:
    """Answer the liveness probe before host validation, HTTPS redirects and sessions.

    Load balancers and container healthchecks call it by IP over plain HTTP; it must
    say "the process serves requests" without touching the database.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == HEALTHZ_PATH and request.method in {"GET", "HEAD"}:
            response = HttpResponse("ok", content_type="text/plain; charset=utf-8")
            response["Cache-Control"] = "no-store"
            return response
        return self.get_response(request)


class RejectNulBytesMiddleware:
    """Answer 400 to a query string holding a NUL character, before any view reads it.

    No field of the portal can hold one (PostgreSQL text cannot), and a NUL reaching a
    query, as an admin search or an autocomplete term would, fails in the database driver.
    Forms refuse NULs in posted text themselves, with Django's translated message.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
        ):
            return bad_request(request, SuspiciousOperation("NUL character in the request address"))
        return self.get_response(request)
