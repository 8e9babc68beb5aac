"""The agreements' check of `/healthz` and the admin's index (portal/health.py): reminders the
daily job could not send — nobody to send them to, or a mail server that failed. The next run
sends them; until then the portal is "degraded", with their number under `reminders_unsent`."""

from django.core.cache import cache
from django.utils.translation import ngettext

from agreements.selectors import UNSENT_NOTICES_CACHE_KEY


def unsent_count(may_query: bool) -> int:
    """How many reminders are unsent: from the database (and kept in the cache) when `may_query`,
    else the number the daily job last kept in the cache (0 when there is none)."""
    if may_query:
        from agreements.services import notices_remember_unsent

        return notices_remember_unsent()
    return int(cache.get(UNSENT_NOTICES_CACHE_KEY) or 0)


def unsent_message(count: int) -> str:
    return ngettext(
        "%(count)s agreement reminder could not be sent (nobody to send it to, or the mail server "
        "failed): the daily job sends it on its next run.",
        "%(count)s agreement reminders could not be sent (nobody to send them to, or the mail server "
        "failed): the daily job sends them on its next run.",
        count,
    ) % {"count": count}


def register() -> None:
    from portal import health

    health.register(
        "reminders_unsent",
        count=unsent_count,
        message=unsent_message,
        url_name="admin:agreements_agreement_dashboard",
        permission="agreements.view_agreement",
    )
