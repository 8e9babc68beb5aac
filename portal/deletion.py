"""Deleting records: the one write path of the admin's delete page and "delete selected"."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, QuerySet
from django.utils.text import get_text_list
from django.utils.translation import gettext

from portal.cache import records_changed
from portal.history import audited
from portal.scoping import require_writable, scope_for_staff

# How many of the records depending on a refused deletion its message names.
NAMED_DEPENDENTS = 5


@audited
@transaction.atomic
def records_delete(*, records: QuerySet, by: AbstractBaseUser | None) -> int:
    """Delete `records` (of one model) for `by`; return how many rows went, their parts included.

    Each must be `by`'s to change (`require_writable`): one that is not refuses the whole
    deletion. A record others depend on (PROTECT) is refused with their names, and nothing is
    deleted; the parts of a record (an event's sites) go with it. The history records each
    deleted row with `by`, and the public pages of the app are rebuilt after the commit.
    """
    records = records.all()
    if by is not None:
        refused = records.exclude(pk__in=scope_for_staff(records, by, write=True).values("pk")).first()
        if refused is not None:
            require_writable(refused, by)
    try:
        deleted, _per_model = records.delete()
    except ProtectedError as error:
        names = sorted({str(obj) for obj in error.protected_objects})
        shown = [f"“{name}”" for name in names[:NAMED_DEPENDENTS]]
        if len(names) > NAMED_DEPENDENTS:
            shown.append(gettext("%(count)d more") % {"count": len(names) - NAMED_DEPENDENTS})
        raise ValidationError(
            gettext("This cannot be deleted: %(records)s depend on it.")
            % {"records": get_text_list(shown, gettext("and"))},
            code="protected",
        ) from error
    records_changed(records.model._meta.app_label)
    return deleted
