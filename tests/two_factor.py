"""Two-step verification in tests: setting up an app through the service, codes, verified clients."""

import time

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from portal.accounts import services
from portal.accounts.middleware import LAST_SEEN_SESSION_KEY
from portal.accounts.selectors import totp_device, two_factor_required


def code_at(key: str, at: float) -> str:
    """The 6-digit code an authenticator app holding `key` (hex) shows at Unix time `at`."""
    totp = TOTP(bytes.fromhex(key))
    totp.time = at
    return f"{totp.token():06d}"


def enrol(user) -> tuple[TOTPDevice, list[str]]:
    """Set up an authenticator app for `user` as the enrolment page does; its device and backup codes."""
    key = random_hex(20)
    return services.two_factor_enrol(user=user, key=key, code=code_at(key, time.time()))


def verified_client(user, device: TOTPDevice, client: Client | None = None) -> Client:
    """`client` (a new one by default) signed in as `user`, its session verified by `device` and
    stamped with the sign-in time, as the two sign-in steps leave it."""
    client = client or Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[LAST_SEEN_SESSION_KEY] = int(time.time())
    session.save()
    return client


def signed_in(user, client: Client | None = None) -> Client:
    """`client` signed in as `user` as the sign-in leaves it: verified by an app (set up now if
    need be) when `user` must use two-step verification, plainly otherwise."""
    if not two_factor_required(user):
        client = client or Client()
        client.force_login(user)
        return client
    device = totp_device(user) or enrol(user)[0]
    return verified_client(user, device, client)


class OtpClock:
    """The time django-otp checks TOTP codes against, moved by hand (see the otp_clock fixture)."""

    def __init__(self, start: float):
        self.now = start

    def time(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds

    def code(self, device: TOTPDevice) -> str:
        """The code `device`'s app shows now, on this clock."""
        return code_at(device.key, self.now)
