"""What `/healthz` and the admin's index warn of, registered by the apps through one door.

An app registers a check in its `AppConfig.ready()` (as for `portal.panels`):

    health.register("scheduled_late", count=late_count, message=late_message,
                    url_name="admin:news_article_changelist", query="late=1", permission="news.view_article")

`count(may_query)` says how many things are wrong (0: nothing). `/healthz` asks it with
`may_query=False`: the probe must answer without the database, so the check reads what the app
keeps in the cache; the admin asks with `may_query=True`. Anything above 0 makes `/healthz`
"degraded" (still 200: restarting the web process would not help) with the count under the
check's name, and shows `message(count)` on the admin's index to the staff with `permission`,
linked to the list that shows them.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Check:
    name: str
    count: Callable[[bool], int]
    message: Callable[[int], str]
    url_name: str
    query: str = ""
    permission: str = ""


# name → check; filled by the apps' ready().
REGISTRY: dict[str, Check] = {}


def register(
    name: str,
    *,
    count: Callable[[bool], int],
    message: Callable[[int], str],
    url_name: str,
    query: str = "",
    permission: str = "",
) -> None:
    """Add (or replace, when `name` is already registered) a check."""
    REGISTRY[name] = Check(name, count, message, url_name, query, permission)


def problems(*, may_query: bool) -> dict[str, int | str]:
    """What the registered checks find wrong: name → count, or "unknown" when a check fails
    (the cache it reads is down: the broker check says so too)."""
    found: dict[str, int | str] = {}
    for check in REGISTRY.values():
        try:
            count = check.count(may_query)
        except Exception:  # a health probe reports, it does not fail
            logger.exception("Health check %s failed", check.name)
            found[check.name] = "unknown"
            continue
        if count:
            found[check.name] = count
    return found
