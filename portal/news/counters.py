"""Views of articles and visitors of the site, counted in the cache and moved to the database
by a periodic task, so that reading a page never costs a database write.

Counting (`count_view`, `count_visit`) is called by the beacon (`views.count`), which every
public page calls once it is shown — including a page from the page cache or nginx's, which
never reaches a view that could count. A counter is a cache key raised with `cache.incr`
(Redis INCR in production, atomic across processes; the local-memory cache of the embedded
demo is atomic within its one process).

The task (`counters_flush`) takes what is pending atomically — it subtracts what it read, and
gives it back if another flush took it first — so that a count is neither lost nor moved twice,
however many flushes run at once. Which articles have views pending is listed per minute
(`count:slot:<minute>:<n>`), since a cache cannot be searched for its keys.

What readers see is the stored count plus what is pending (`with_views`, `visitors`), read in
one cache call.

A visitor is a keyed hash of the client's address, its User-Agent and the day: nothing stored
can be turned back into an address, and no cookie is set.

The counters pending have no expiry, so Redis (maxmemory-policy volatile-lru, docker-compose.yml)
never drops them; the markers (a visitor seen, an article listed this minute) expire, and one
dropped early costs a visitor counted twice, or views moved only at the article's next view
(shown meanwhile all the same), never a view lost.
"""

import datetime as dt
import hashlib
import hmac
import re
import time
from collections.abc import Iterable, Sequence
from typing import TypedDict, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F, Q, Sum
from django.http import HttpRequest
from django.utils import timezone

from portal.lib.forwarded import client_address
from portal.news.models import Article, SiteVisits

ArticleT = TypeVar("ArticleT", bound=Article)

# Readers that are programs: crawlers, link previews, command-line clients, headless browsers.
BOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|curl|wget|python-requests|python-urllib|httpx|aiohttp|go-http-client"
    r"|java/|libwww|okhttp|headlesschrome|phantomjs|facebookexternalhit|preview|lighthouse|monitor",
    re.IGNORECASE,
)
# "Online now": the visitors seen in the last ONLINE_MINUTES minutes.
ONLINE_MINUTES = 5
# How long the minute lists of articles with views wait for a flush, and how far back a flush
# looks when it does not know where the last one stopped.
SLOT_SECONDS = 2 * 24 * 60 * 60
LOOKBACK_MINUTES = 24 * 60
# ... and how many minutes before where the last one stopped it reads again, for a web machine
# whose clock is behind the worker's (reading a list twice moves nothing twice).
OVERLAP_MINUTES = 5
# The stored sums of visitors, kept between two flushes.
STORED_VISITS_SECONDS = 60 * 60

_VIEWS = "count:views:{article_id}"
_SLOT_SIZE = "count:slot:{minute}"
_SLOT_ENTRY = "count:slot:{minute}:{n}"
_SLOT_HAS = "count:slot:{minute}:has:{article_id}"
_FLUSHED_THROUGH = "count:flushed-through"
_VISITS = "count:visits:{day}"
_SEEN = "count:seen:{day}:{visitor}"
_ONLINE = "count:online:{visitor}"
_ONLINE_SLOT = "count:online-slot:{minute}"
_STORED_VISITS = "count:stored-visits:{day}"


class Visitors(TypedDict):
    online: int
    today: int
    month: int
    total: int


def is_bot(user_agent: str) -> bool:
    """Whether a User-Agent is a program's (or missing): such readers are not counted."""
    return not user_agent.strip() or bool(BOT_USER_AGENT.search(user_agent))


def visitor_key(request: HttpRequest, day: dt.date) -> str:
    """The visitor of `request` on `day`: a keyed hash of its address and User-Agent."""
    address = client_address(
        request.META.get("REMOTE_ADDR"), request.META.get("HTTP_X_FORWARDED_FOR"), settings.PROXY_COUNT
    )
    text = f"{address}|{request.META.get('HTTP_USER_AGENT', '')}|{day.isoformat()}"
    return hmac.new(settings.SECRET_KEY.encode(), text.encode(), hashlib.sha256).hexdigest()[:32]


def _minute(now: float | None) -> int:
    return int((time.time() if now is None else now) // 60)


def _day(now: float | None) -> dt.date:
    moment = timezone.now() if now is None else dt.datetime.fromtimestamp(now, tz=dt.UTC)
    return timezone.localdate(moment)


def _incr(key: str, *, timeout: int | None, by: int = 1) -> int:
    """Raise the counter `key` by `by`, making it (with `timeout`) if it is not there."""
    try:
        return cache.incr(key, by)
    except ValueError:
        cache.add(key, 0, timeout)
        return cache.incr(key, by)


def _take(key: str) -> int:
    """Take what the counter `key` holds, leaving what arrives meanwhile: subtract what was read
    (atomic), and give it back if the counter went below zero — another flush took it first."""
    pending = cache.get(key) or 0
    if pending <= 0:
        return 0
    try:
        left = cache.incr(key, -pending)
    except ValueError:  # expired between the two calls: nothing left to take
        return 0
    if left < 0:
        cache.incr(key, pending)
        return 0
    return pending


# --- Counting ---------------------------------------------------------------------------------


def count_view(*, article_id: int, now: float | None = None) -> int:
    """Count one view of the article; returns its views pending (not yet in the database)."""
    pending = _incr(_VIEWS.format(article_id=article_id), timeout=None)
    minute = _minute(now)
    # Listed once a minute: the flush reads the lists of the minutes since it last ran.
    if cache.add(_SLOT_HAS.format(minute=minute, article_id=article_id), 1, SLOT_SECONDS):
        n = _incr(_SLOT_SIZE.format(minute=minute), timeout=SLOT_SECONDS)
        cache.set(_SLOT_ENTRY.format(minute=minute, n=n), article_id, SLOT_SECONDS)
    return pending


def count_visit(*, request: HttpRequest, now: float | None = None) -> None:
    """Count the visitor of `request`: once a day for today's visitors, and once in any
    ONLINE_MINUTES minutes for those online now."""
    day = _day(now)
    visitor = visitor_key(request, day)
    if cache.add(_SEEN.format(day=day.isoformat(), visitor=visitor), 1, 2 * 24 * 60 * 60):
        _incr(_VISITS.format(day=day.isoformat()), timeout=None)
    # A visitor is counted in the minute it is first seen, and again once ONLINE_MINUTES have
    # passed: the last ONLINE_MINUTES minutes then hold each visitor seen in them once.
    if cache.add(_ONLINE.format(visitor=visitor), 1, ONLINE_MINUTES * 60):
        _incr(_ONLINE_SLOT.format(minute=_minute(now)), timeout=2 * ONLINE_MINUTES * 60)


# --- Reading ----------------------------------------------------------------------------------


def with_views(articles: Sequence[ArticleT]) -> Sequence[ArticleT]:
    """Set `views` on each article: its stored count plus what is pending, in one cache call."""
    keys = {article.pk: _VIEWS.format(article_id=article.pk) for article in articles}
    pending = cache.get_many(keys.values()) if keys else {}
    for article in articles:
        article.views = article.view_count + max(pending.get(keys[article.pk], 0), 0)  # type: ignore[attr-defined]
    return articles


def _stored_visits(day: dt.date) -> dict[str, int]:
    totals = SiteVisits.objects.aggregate(
        today=Sum("visitors", filter=Q(day=day), default=0),
        month=Sum("visitors", filter=Q(day__year=day.year, day__month=day.month), default=0),
        total=Sum("visitors", default=0),
    )
    return {name: int(value) for name, value in totals.items()}


def visitors(*, now: float | None = None) -> Visitors:
    """The visitors online now, today, this month and in all, stored plus pending: one cache call,
    and one query when the stored sums are not in the cache (the flush puts them there)."""
    day, minute = _day(now), _minute(now)
    stored_key = _STORED_VISITS.format(day=day.isoformat())
    pending_key = _VISITS.format(day=day.isoformat())
    online_keys = [_ONLINE_SLOT.format(minute=minute - back) for back in range(ONLINE_MINUTES)]
    found = cache.get_many([stored_key, pending_key, *online_keys])
    stored = found.get(stored_key)
    if stored is None:
        stored = _stored_visits(day)
        cache.set(stored_key, stored, STORED_VISITS_SECONDS)
    pending = max(found.get(pending_key, 0), 0)
    return {
        "online": sum(found.get(key, 0) for key in online_keys),
        "today": stored["today"] + pending,
        "month": stored["month"] + pending,
        "total": stored["total"] + pending,
    }


# --- Moving to the database -------------------------------------------------------------------


def _listed_articles(minutes: Iterable[int]) -> set[int]:
    minutes = list(minutes)
    sizes = cache.get_many([_SLOT_SIZE.format(minute=minute) for minute in minutes])
    entries = [
        _SLOT_ENTRY.format(minute=minute, n=n)
        for minute in minutes
        for n in range(1, sizes.get(_SLOT_SIZE.format(minute=minute), 0) + 1)
    ]
    return set(cache.get_many(entries).values()) if entries else set()


def views_flush(*, now: float | None = None) -> int:
    """Move the pending views of the articles listed in the minutes since the last flush to the
    database; returns how many views moved.

    The current minute is left for the next flush (its list may still be growing); its views
    are taken with the earlier minutes' whenever their article is listed there too.
    """
    current = _minute(now)
    last = cache.get(_FLUSHED_THROUGH)
    start = (
        current - LOOKBACK_MINUTES
        if last is None
        else max(last + 1 - OVERLAP_MINUTES, current - LOOKBACK_MINUTES)
    )
    moved = 0
    for article_id in sorted(_listed_articles(range(start, current))):
        key = _VIEWS.format(article_id=article_id)
        count = _take(key)
        if not count:
            continue
        try:
            Article.objects.filter(pk=article_id).update(view_count=F("view_count") + count)
        except DatabaseError:
            _incr(key, timeout=None, by=count)
            raise
        moved += count
    cache.set(_FLUSHED_THROUGH, current - 1, None)
    return moved


def visits_flush(*, now: float | None = None) -> int:
    """Move the pending visitors of yesterday and today to their days' rows; returns how many."""
    today = _day(now)
    moved = 0
    for day in (today - dt.timedelta(days=1), today):
        key = _VISITS.format(day=day.isoformat())
        count = _take(key)
        if not count:
            continue
        try:
            if not SiteVisits.objects.filter(day=day).update(visitors=F("visitors") + count):
                try:
                    with transaction.atomic():
                        SiteVisits.objects.create(day=day, visitors=count)
                except IntegrityError:  # made meanwhile by another flush
                    SiteVisits.objects.filter(day=day).update(visitors=F("visitors") + count)
        except DatabaseError:
            _incr(key, timeout=None, by=count)
            raise
        moved += count
    cache.set(_STORED_VISITS.format(day=today.isoformat()), _stored_visits(today), STORED_VISITS_SECONDS)
    return moved
