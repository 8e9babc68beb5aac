"""Queueing Celery work from a request: after the commit, quickly, and never at the request's cost.

A save must not wait on the broker nor fail because of it: the record is committed first,
then the task is sent once, over a fresh connection that gives up after about a second.
Work that could not be queued is found again by a periodic sweep (each app schedules its
own, e.g. `events.make_missing_renditions`), so an outage delays it and loses nothing.
"""

import logging

from django.db import transaction

from portal.celery import app

logger = logging.getLogger(__name__)

# Publishing from a web request: one attempt, a short connect timeout, no reconnect loop.
# Workers keep Celery's own patient retry settings for their connections.
FAST_FAIL = {"max_retries": 0, "socket_connect_timeout": 1, "socket_timeout": 2}


def enqueue(task, *args) -> bool:
    """Send `task(*args)` to the broker now; False (and a log line) when it cannot be sent."""
    try:
        with app.connection_for_write(transport_options=FAST_FAIL, connect_timeout=1) as connection:
            task.apply_async(args=args, connection=connection, retry=False, ignore_result=True)
    except Exception:  # noqa: BLE001 - any broker or eager-mode failure: the sweep redoes the work
        logger.warning("Could not queue %s%r; the periodic sweep will do it.", task.name, args, exc_info=True)
        return False
    return True


def enqueue_on_commit(task, *args) -> None:
    """Send `task(*args)` once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: enqueue(task, *args))
