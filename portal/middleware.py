import logging
import os
import time

from django.conf import settings
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.urls import get_resolver, get_urlconf
from django.views.defaults import bad_request

from portal import health

_request_logger = logging.getLogger("django.request")

HEALTHZ_PATH = "/healthz"
BROKER_CHECK_SECONDS = 10


class HealthCheckMiddleware:
    """Answer the liveness probe before host validation, HTTPS redirects and sessions.

    Load balancers and container healthchecks call it by IP over plain HTTP; it must
    say "the process serves requests" without touching the database. It also says whether
    the Celery broker answers: without it pages still work, but background work waits, so
    the status is "degraded" (still 200: restarting the web process would not help). So is it
    when a check the apps registered (portal/health.py) finds something wrong, named with its
    count: `{"status": "degraded", "broker": "ok", "scheduled_late": 2}`.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self._broker_checked_at = -BROKER_CHECK_SECONDS
        self._broker = ""

    def __call__(self, request):
        if request.path == HEALTHZ_PATH and request.method in {"GET", "HEAD"}:
            broker = self.broker_status()
            problems = health.problems(may_query=False)
            status = "ok" if broker in {"ok", "eager"} and not problems else "degraded"
            response = JsonResponse({"status": status, "broker": broker, **problems})
            response["Cache-Control"] = "no-store"
            return response
        return self.get_response(request)

    def broker_status(self) -> str:
        """ "ok", "unreachable", or "eager" when tasks run in the web process (no broker);
        asked at most every BROKER_CHECK_SECONDS, with a half-second timeout. The embedded
        broker (a folder, `make run`) is "ok" when its queue folder can be written."""
        if settings.CELERY_TASK_ALWAYS_EAGER:
            return "eager"
        if settings.CELERY_BROKER_URL.startswith("filesystem"):
            queue = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("data_folder_out", "")
            return "ok" if queue and os.access(queue, os.W_OK) else "unreachable"
        if not settings.CELERY_BROKER_URL.startswith(("redis", "unix")):
            return "eager"
        now = time.monotonic()
        if now - self._broker_checked_at >= BROKER_CHECK_SECONDS:
            self._broker = "ok" if _redis_answers(settings.CELERY_BROKER_URL) else "unreachable"
            self._broker_checked_at = now
        return self._broker


def _redis_answers(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5).ping())
    except (redis.RedisError, OSError):
        return False


# Longer values are not typed by readers or staff; gunicorn refuses request lines over 4094
# bytes anyway, but the development server and the test client do not.
QUERY_VALUE_MAX_LENGTH = 1000


class QueryStringGuardMiddleware:
    """Answer 400 to a query string no form of the portal could have sent, before any view
    reads it: a NUL character, or a value over QUERY_VALUE_MAX_LENGTH characters.

    No field can hold a NUL (PostgreSQL text cannot), and a NUL reaching a query, as an admin
    search or an autocomplete term would, fails in the database driver; a search term of
    100,000 characters fails SQLite's LIKE ("pattern too complex"). Forms refuse NULs in
    posted text themselves, with Django's translated message.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            _hostile(key) or any(_hostile(value) for value in values) for key, values in request.GET.lists()
        ):
            return bad_request(request, SuspiciousOperation("Hostile query string"))
        return self.get_response(request)


def _hostile(text: str) -> bool:
    return "\x00" in text or len(text) > QUERY_VALUE_MAX_LENGTH


class PermissionsPolicyMiddleware:
    """Send settings.PERMISSIONS_POLICY and a same-origin resource policy with every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class SitePagesInDebugMiddleware:
    """With DEBUG on (the embedded demo, `make run`), a missing page, a bad request and an error
    answer with the site's own pages (404.html, 400.html, 500.html, in Vietnamese), as in
    production: a reader of the demo never sees Django's debug pages. DEBUG_PAGES=1 asks for
    Django's technical pages again, for a developer who wants the traceback in the browser.

    An error is still logged with its traceback (the console of runserver), as Django does.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    @staticmethod
    def _active() -> bool:
        return settings.DEBUG and not settings.DEBUG_PAGES

    def __call__(self, request):
        response = self.get_response(request)
        # An address no URL pattern matches: Django answers before any view, with its debug page.
        if (
            self._active()
            and response.status_code == 404
            and getattr(request, "resolver_match", None) is None
        ):
            return self._error_page(request, 404, Http404())
        return response

    def process_exception(self, request, exception):
        if not self._active() or isinstance(exception, PermissionDenied):
            return None  # Django answers a refusal with the site's 403 page in any mode
        if isinstance(exception, Http404):
            return self._error_page(request, 404, exception)
        if isinstance(exception, SuspiciousOperation | BadRequest | MultiPartParserError):
            return self._error_page(request, 400, exception)
        _request_logger.error(
            "Internal Server Error: %s",
            request.path,
            exc_info=(type(exception), exception, exception.__traceback__),
            extra={"status_code": 500, "request": request},
        )
        response = self._error_page(request, 500, exception)
        response._has_been_logged = True  # with its traceback, above: not again by Django's handler
        return response

    @staticmethod
    def _error_page(request, status: int, exception):
        handler = get_resolver(get_urlconf()).resolve_error_handler(status)
        return handler(request) if status == 500 else handler(request, exception)
