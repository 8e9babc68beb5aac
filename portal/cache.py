"""Caching for readers: whole public pages and the derived values pages share, kept fresh by
generations of the records they show.

Each kind of record (a *topic*: "committees", "events", "agreements"…) has a generation
number in the shared cache (Redis in production, so every web process sees the same). A
cached page or value is stored under the generations of the topics it shows; when a record
changes, `records_changed(topic)` bumps that topic's generation once the transaction commits,
and every key built on the old number is simply never asked for again (Redis evicts it).
Writes reach it through the services and the admin's base class, never through signals.

`PublicPageCacheMiddleware` serves anonymous GETs of the views marked `@public_page(...)`:
- only requests without a session cookie (staff, and anyone signed in, always get a fresh
  page) and only responses that set no cookie and hold no CSRF token (a cached page never
  carries someone's token or message);
- with `Cache-Control: public, max-age=…` so the proxy may keep them briefly, a
  `Last-Modified` of when the page was made and, through Django's ConditionalGetMiddleware,
  an `ETag`, so a conditional GET gets 304;
- `X-Page-Cache: hit | miss` says which it was.
"""

from __future__ import annotations

import functools
import secrets
import time
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

T = TypeVar("T")

TOPICS = ("committees", "events", "agreements", "news")
_GENERATION_KEY = "generation:{topic}"


def _generation_keys(topics: Iterable[str]) -> list[str]:
    return [_GENERATION_KEY.format(topic=topic) for topic in sorted(set(topics))]


def generations(topics: Iterable[str]) -> str:
    """The current generations of `topics`, as a key fragment ("12.7.3").

    A topic never seen gets a random start, so a generation lost from the cache can never
    come back to a number some old page was stored under.
    """
    keys = _generation_keys(topics)
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, secrets.randbelow(2**48), timeout=None)
            found[key] = cache.get(key)
    return ".".join(str(found[key]) for key in keys)


def touch(*topics: str) -> None:
    """Bump the generations of `topics` now: pages and values built on them are stale."""
    for key in _generation_keys(topics):
        try:
            cache.incr(key)
        except ValueError:  # not there yet (or evicted): any fresh random start will do
            cache.set(key, secrets.randbelow(2**48), timeout=None)


def records_changed(*topics: str) -> None:
    """Call in a write: once the transaction commits, what shows `topics` is rebuilt.

    A transaction saving many rows (an event with its sites, speeches…) bumps each topic once:
    the topics gather on the connection and the first commit callback touches them all. If
    the transaction rolls back they stay gathered, and the next commit touches them too,
    which only rebuilds a page more than needed.
    """
    connection = transaction.get_connection()
    pending = connection.__dict__.setdefault("portal_changed_topics", set())
    pending.update(topics)
    transaction.on_commit(lambda: _touch_pending(connection))


def _touch_pending(connection) -> None:
    pending = connection.__dict__.get("portal_changed_topics")
    if pending:
        topics = sorted(pending)
        pending.clear()
        touch(*topics)
        for listener in _LISTENERS:
            listener(topics)


# Called with the topics changed once a write commits: how a higher app keeps what it derives
# from a lower app's records current (the news' search entries) without the lower app knowing.
_LISTENERS: list[Callable[[list[str]], None]] = []


def on_records_changed(listener: Callable[[list[str]], None]) -> None:
    """Register `listener`, called with the topics that changed after each committed write."""
    _LISTENERS.append(listener)


def changes(*topics: str):
    """Decorate a service that writes records of `topics`: when its transaction commits, what
    shows them is rebuilt (as `records_changed`)."""

    def decorate(service):
        @functools.wraps(service)
        def wrapper(*args, **kwargs):
            records_changed(*topics)
            return service(*args, **kwargs)

        return wrapper

    return decorate


def cached(name: str, topics: Iterable[str], compute: Callable[[], T], *, timeout: int = 24 * 3600) -> T:
    """`compute()`, kept in the cache until one of `topics` changes (or `timeout` seconds)."""
    key = f"value:{name}:{generations(topics)}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value


def public_page(*topics: str):
    """Mark a view whose page anonymous readers may get from the cache; `topics` are the kinds
    of records it shows (a change to any of them rebuilds it)."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            return view(request, *args, **kwargs)

        wrapper.cache_topics = tuple(topics)
        return wrapper

    return decorate


class PublicPageCacheMiddleware:
    """Serve and store the pages of `@public_page` views for anonymous readers (see the module).

    It sits last in MIDDLEWARE, so a page served from the cache still passes every other
    middleware on its way out (the CSP header, the frame options…).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_page_cache_key", None)
        if key is not None and self._cacheable(request, response):
            self._store(key, response)
            response["X-Page-Cache"] = "miss"
            _public(response)
        elif request.COOKIES.get(settings.SESSION_COOKIE_NAME) and not response.has_header("Cache-Control"):
            # A signed-in user's page is theirs: no shared cache, the proxy's included, keeps it.
            patch_cache_control(response, private=True, no_cache=True)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        topics = getattr(view_func, "cache_topics", None)
        if topics is None or request.method not in {"GET", "HEAD"}:
            return None
        if request.COOKIES.get(settings.SESSION_COOKIE_NAME):
            return None
        key = f"page:{generations(topics)}:{request.get_host()}:{request.get_full_path()}"
        entry = cache.get(key)
        if entry is not None:
            return self._replay(entry)
        request._page_cache_key = key
        return None

    @staticmethod
    def _cacheable(request, response) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not response.has_header("Cache-Control")
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and b"csrfmiddlewaretoken" not in response.content
        )

    @staticmethod
    def _store(key: str, response) -> None:
        response["Last-Modified"] = http_date(time.time())
        entry = {
            "content": response.content,
            "content_type": response["Content-Type"],
            "last_modified": response["Last-Modified"],
        }
        cache.set(key, entry, settings.PUBLIC_PAGE_CACHE_SECONDS)

    @staticmethod
    def _replay(entry: dict) -> HttpResponse:
        response = HttpResponse(entry["content"], content_type=entry["content_type"])
        response["Last-Modified"] = entry["last_modified"]
        response["X-Page-Cache"] = "hit"
        _public(response)
        return response


def _public(response) -> None:
    """A page anyone may keep: browsers for PUBLIC_PAGE_MAX_AGE, the proxy in front of the
    portal only PROXY_PAGE_CACHE_SECONDS (nginx reads X-Accel-Expires and drops it)."""
    patch_cache_control(response, public=True, max_age=settings.PUBLIC_PAGE_MAX_AGE)
    response["X-Accel-Expires"] = str(settings.PROXY_PAGE_CACHE_SECONDS)
