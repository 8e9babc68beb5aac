"""Reads about a user's sign-in state: their authenticator app, backup codes, the step they owe."""

import datetime as dt
import enum

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Max
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice


class TwoFactorStep(enum.Enum):
    """What a signed-in user must do before using the admin."""

    VERIFY = "verify"  # has an authenticator app, this session has not been verified by it
    ENROL = "enrol"  # a superuser without an authenticator app


def totp_device(user: AbstractBaseUser | AnonymousUser) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if they have set one up."""
    if not user.is_authenticated:
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def backup_codes_left(user: AbstractBaseUser) -> int:
    """How many unused backup codes the user still has."""
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def two_factor_step(user: AbstractBaseUser | AnonymousUser) -> TwoFactorStep | None:
    """The step `user` (request.user, after OTPMiddleware) owes before the admin, or None.

    A verified session owes nothing; one whose user has an authenticator app must be
    verified by it (a session made some other way than the sign-in form); a superuser or an
    account manager (`two_factor_required`) without one must set it up first. Other staff
    without an app owe nothing: for them it is optional.
    """
    if not user.is_authenticated:
        return None
    is_verified = getattr(user, "is_verified", None)
    if is_verified is not None and is_verified():
        return None
    if totp_device(user) is not None:
        return TwoFactorStep.VERIFY
    if two_factor_required(user):
        return TwoFactorStep.ENROL
    return None


# Whoever holds one of these can give any permission to anyone, themselves included: the
# system administrators (portal.roles), like superusers, must not be one stolen password away.
ACCOUNT_POWERS = ("auth.change_user", "auth.change_group", "auth.change_permission")


def two_factor_required(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether `user` must use two-step verification: superusers and those who manage accounts."""
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(getattr(user, "is_superuser", False)) or any(user.has_perm(power) for power in ACCOUNT_POWERS)


def locked_until(*, username: str | None, ip_address: str | None) -> dt.datetime:
    """When the lockout of `username` from `ip_address` ends: its last failure plus the cool-off."""
    last = AccessAttempt.objects.filter(username=username, ip_address=ip_address).aggregate(
        last=Max("attempt_time")
    )["last"]
    return (last or timezone.now()) + settings.AXES_COOLOFF_TIME
