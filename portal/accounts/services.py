"""Writes of two-step verification: set up, verify, backup codes, switch off, reset; staff accounts.

The views and the admin call these; nothing else creates or removes a user's devices.
"""

import logging
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.contrib.auth.models import Group, User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp import verify_token
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts.selectors import totp_device, two_factor_required
from portal.history import audited
from portal.roles import Role
from portal.scoping import require_writable

if TYPE_CHECKING:
    from committees.models import Organization

log = logging.getLogger(__name__)

BACKUP_CODE_COUNT = 10
TOTP_DEVICE_NAME = "authenticator"
BACKUP_DEVICE_NAME = "backup codes"


def normalize_code(code: str) -> str:
    """A code as typed ("123 456", "ABCD-EFGH") in the form the devices store it."""
    return "".join(code.split()).replace("-", "").lower()


@transaction.atomic
def two_factor_enrol(*, user: User, key: str, code: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the authenticator app holding `key` by one of its codes; return it and new backup codes.

    The app replaces any earlier one, and earlier backup codes stop working. The code that
    confirmed the app cannot be used again to sign in.
    """
    device = TOTPDevice(user=user, name=TOTP_DEVICE_NAME, key=key, confirmed=True)
    code = normalize_code(code)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if not (code.isdigit() and len(code) == device.digits and totp.verify(int(code), device.tolerance)):
        raise ValidationError(
            _("This code does not match. Check the time on your phone and type the code shown now."),
            code="invalid",
        )
    device.last_t = totp.t()
    device.drift = totp.drift
    _delete_devices(user)
    device.full_clean()
    device.save()
    codes = backup_codes_issue(user=user)
    log.info("Two-step verification set up by %s.", user.get_username())
    return device, codes


@transaction.atomic
def backup_codes_issue(*, user: User) -> list[str]:
    """Give the user a fresh set of single-use backup codes; the previous set stops working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _index in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def two_factor_verify(*, user: User, code: str) -> Device:
    """The device that accepts `code` for `user`: a 6-digit app code, or else a backup code.

    The code's shape picks the device, so a mistyped app code never counts against the
    backup codes. Each failure slows that device down (django-otp doubles the wait after
    every wrong code); a used code is never accepted again.
    """
    code = normalize_code(code)
    app = totp_device(user)
    if code.isdigit() and app is not None and len(code) == app.digits:
        device = app
    else:
        device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        raise ValidationError(_("This code is not valid."), code="invalid")
    allowed, details = device.verify_is_allowed()
    if not allowed:
        failures = (details or {}).get("failure_count", 0)
        raise ValidationError(
            ngettext(
                "After %(count)d wrong code, please wait a moment before trying again.",
                "After %(count)d wrong codes, please wait a moment before trying again.",
                failures,
            )
            % {"count": failures},
            code="throttled",
        )
    verified = verify_token(user, device.persistent_id, code)
    if verified is None:
        raise ValidationError(_("This code is not valid."), code="invalid")
    return verified


@transaction.atomic
def two_factor_disable(*, user: User) -> None:
    """Switch off the user's own two-step verification; those who must use it may not."""
    if two_factor_required(user):
        raise PermissionDenied(_("Superusers and account managers must keep two-step verification."))
    _delete_devices(user)
    log.info("Two-step verification switched off by %s.", user.get_username())


@transaction.atomic
def two_factor_reset(*, user: User, by: User) -> int:
    """Remove `user`'s authenticator app and backup codes (a lost phone); return how many went.

    Only a superuser may do it. A superuser reset this way sets up a new app at the next
    sign-in; their sessions verified by the old app count as unverified from now on.
    """
    if not by.is_superuser:
        raise PermissionDenied(_("Only superusers can reset two-step verification."))
    removed = _delete_devices(user)
    log.warning("Two-step verification of %s reset by %s.", user.get_username(), by.get_username())
    return removed


def _delete_devices(user: User) -> int:
    """Delete the user's app and backup codes; return how many devices there were."""
    _total, apps = TOTPDevice.objects.filter(user=user).delete()
    _total, backups = StaticDevice.objects.filter(user=user).delete()
    return apps.get(TOTPDevice._meta.label, 0) + backups.get(StaticDevice._meta.label, 0)


@audited
@transaction.atomic
def staff_user_create(
    *,
    username: str,
    full_name: str,
    roles: Sequence[Role],
    organizations: Sequence["Organization"],
    password: str,
    by: User | None,
) -> User:
    """Create a staff account holding `roles` (portal/roles.py) for `organizations`.

    `full_name` is stored so that the admin shows it as written ("Nguyễn Thị Thu Hà"): the
    last word as the given name, the rest as the first field. Only a user who may add users
    (`by`; None: the demo loader) creates one, and only for organisations they may act for.
    """
    if by is not None and not by.has_perm("auth.add_user"):
        raise PermissionDenied(_("You may not create staff accounts."))
    username, words = username.strip(), full_name.split()
    if not words:
        raise ValidationError({"full_name": _("Enter the staff member's full name.")}, code="required")
    user = User(username=username, is_staff=True, first_name=" ".join(words[:-1]), last_name=words[-1])
    user.set_password(password)
    user.full_clean(exclude=["password"])
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from error
    user.save()
    from committees.models import StaffMembership

    for organization in organizations:
        membership = StaffMembership.objects.create(user=user, organization=organization)
        require_writable(membership, by)
    groups = list(Group.objects.filter(name__in=[role.name for role in roles]))
    missing = {role.name for role in roles} - {group.name for group in groups}
    if missing:
        raise ValidationError(
            _("These roles have no group yet (run migrate): %(roles)s")
            % {"roles": ", ".join(sorted(missing))},
            code="missing_role",
        )
    user.groups.add(*groups)
    log.info("Staff account %s created by %s.", username, by.get_username() if by else "the loader")
    return user
