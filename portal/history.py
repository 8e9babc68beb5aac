"""Who did what, written by the services: the admin's history of a record ("Lịch sử").

Services record their changes here with the acting user they were given (`by`), so a change
made through the admin, an import or a job shows in the record's history the same way. A job
or the demo loader acts as nobody (`by=None`): the admin's log needs a user, so nothing is
recorded there; the records that keep their own history (status changes) keep `by=None`.
"""

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Model


def record_change(obj: Model, *, by: AbstractBaseUser | None, message: str, added: bool = False) -> None:
    """Add `message` to the admin history of `obj` as done by `by`; nothing when `by` is None."""
    if by is None or by.pk is None:
        return
    LogEntry.objects.log_actions(
        user_id=by.pk,
        queryset=[obj],
        action_flag=ADDITION if added else CHANGE,
        change_message=message,
        single_object=True,
    )
