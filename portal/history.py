"""Who did what, written by the services: the admin's history of a record ("Lịch sử").

Services record their changes here with the acting user they were given (`by`), so a change
made through the admin, an import or a job shows in the record's history the same way. A job
or the demo loader acts as nobody (`by=None`): the admin's log needs a user, so nothing is
recorded there; the records that keep their own history (status changes) keep `by=None`.
"""

import functools
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import ParamSpec, TypeVar

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Model
from simple_history.models import HistoricalRecords

P = ParamSpec("P")
R = TypeVar("R")


_admin_logs: ContextVar[bool] = ContextVar("admin_logs", default=False)


@contextmanager
def logged_by_admin() -> Iterator[None]:
    """A service called inside writes no admin log entry: the admin page calling it writes its
    own message of the change (the fields and the inline rows of the form). The service still
    checks and records everything else with its `by` (scope, audit trail)."""
    token = _admin_logs.set(True)
    try:
        yield
    finally:
        _admin_logs.reset(token)


def record_change(obj: Model, *, by: AbstractBaseUser | None, message: str, added: bool = False) -> None:
    """Add `message` to the admin history of `obj` as done by `by`; nothing when `by` is None
    (or when the admin page logs the change itself: `logged_by_admin`)."""
    if by is None or by.pk is None or _admin_logs.get():
        return
    LogEntry.objects.log_actions(
        user_id=by.pk,
        queryset=[obj],
        action_flag=ADDITION if added else CHANGE,
        change_message=message,
        single_object=True,
    )


# --- The audit trail (django-simple-history): every create, change and delete of a record ---

_acting: ContextVar[tuple[AbstractBaseUser | None, str] | None] = ContextVar("acting", default=None)


@contextmanager
def acting_as(by: AbstractBaseUser | None, *, reason: str = "") -> Iterator[None]:
    """Record the changes made inside as made by `by` (a job or loader: None and a `reason`).

    The innermost `acting_as` wins; outside any, the history takes the request's user (the
    middleware), else nobody.
    """
    token = _acting.set((by, reason))
    try:
        yield
    finally:
        _acting.reset(token)


def acting_user() -> AbstractBaseUser | None:
    """The user the current changes are recorded for, when a service or job named one."""
    acting = _acting.get()
    return acting[0] if acting else None


def audited(service: Callable[P, R]) -> Callable[P, R]:
    """A service whose changes are recorded as made by its `by` keyword argument.

    With `by=None` (a job, the demo loader) the enclosing `acting_as` stays in force, so a
    job's writes keep the job's name as their reason.
    """

    @functools.wraps(service)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        by = kwargs.get("by")
        if by is None:
            return service(*args, **kwargs)
        with acting_as(by, reason=_reason()):  # type: ignore[arg-type]
            return service(*args, **kwargs)

    return wrapper


def _reason() -> str:
    acting = _acting.get()
    return acting[1] if acting else ""


def _history_user(instance=None, request=None, **kwargs) -> AbstractBaseUser | None:
    acting = _acting.get()
    if acting is not None and acting[0] is not None:
        return acting[0]
    if request is not None and getattr(request, "user", None) is not None and request.user.is_authenticated:
        return request.user
    return None


class AuditedHistory(HistoricalRecords):
    """The history of a model: who (the service's `by`, else the request's user), when, what.

    A change made by a job or the demo loader has no user; its reason names the job.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("get_user", _history_user)
        kwargs.setdefault("cascade_delete_history", False)
        super().__init__(**kwargs)

    def get_change_reason_for_object(self, instance, history_type, using):
        return super().get_change_reason_for_object(instance, history_type, using) or _reason()


def history_bulk_create(objs: Sequence[Model], *, update: bool = False) -> None:
    """The history entries of rows written in bulk (bulk_create, bulk_update, UPDATE … FROM),
    with the acting user and reason; nothing for a model without history."""
    if not objs:
        return
    model = type(objs[0])
    manager = getattr(model, "history", None)
    if manager is None:
        return
    manager.bulk_history_create(
        objs, update=update, default_user=acting_user(), default_change_reason=_reason()
    )


# Fields a restore never copies back: identity, bookkeeping, and the workflow states, which
# change only through their transitions (publish, sign, approve…).
RESTORE_SKIPPED = {
    "id",
    "slug",
    "status",
    "created_at",
    "updated_at",
    "status_changed_at",
    "status_changed_by",
}


def restore_fields(obj: Model, version: Model, *, skip: Sequence[str] = ()) -> list[str]:
    """Copy onto `obj` the values its earlier `version` (a historical row of it) held, for its
    own editable fields; returns the names of the fields that changed, for the service that
    saves it. Relations to other records are restored when the related record still exists;
    many-to-many links and inline rows are not versioned."""
    skipped = RESTORE_SKIPPED | set(skip)
    changed = []
    for model_field in obj._meta.concrete_fields:
        if model_field.name in skipped or not model_field.editable or model_field.primary_key:
            continue
        old = getattr(version, model_field.attname)
        if getattr(obj, model_field.attname) == old:
            continue
        if model_field.is_relation and old is not None:
            related = model_field.related_model._default_manager.filter(pk=old)  # type: ignore[union-attr]
            if not related.exists():
                continue
        setattr(obj, model_field.attname, old)
        changed.append(model_field.name)
    return changed
