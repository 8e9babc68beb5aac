"""Sign-in steps and the two-step verification page of the admin (URLs in sites.PortalAdminSite)."""

import base64
import time
from urllib.parse import urlencode

import segno
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import REDIRECT_FIELD_NAME, get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import LoginView
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from portal.accounts import services
from portal.accounts.forms import CodeForm, EnrolForm, PasswordConfirmForm
from portal.accounts.lockout import lockout_response
from portal.accounts.selectors import (
    TwoFactorStep,
    backup_codes_left,
    totp_device,
    two_factor_required,
    two_factor_step,
)

# Between the password and the code the user is not logged in: the session only remembers
# who passed the first step, for a few minutes.
PENDING_SESSION_KEY = "accounts_pending_sign_in"
PENDING_MAX_AGE = 5 * 60
# The secret of an app being added, kept until a code from it confirms it.
ENROL_SESSION_KEY = "accounts_new_totp_key"


def safe_next(request: HttpRequest, url: str | None) -> str:
    """`url` if it stays on this site (Django's own check), else the admin index."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("admin:index")


class SignInView(LoginView):
    """The first step: username and password. Users with an authenticator app go on to the code."""

    def form_valid(self, form):
        user = form.get_user()
        if totp_device(user) is None:
            return super().form_valid(form)
        self.request.session[PENDING_SESSION_KEY] = {
            "user": str(user.pk),
            "backend": user.backend,
            "at": int(time.time()),
        }
        query = urlencode({REDIRECT_FIELD_NAME: self.get_success_url()})
        return HttpResponseRedirect(f"{reverse('admin:two_factor_verify')}?{query}")


def _pending_user(request: HttpRequest):
    """The user who passed the password step in this session, within PENDING_MAX_AGE, or None."""
    pending = request.session.get(PENDING_SESSION_KEY)
    if not pending:
        return None
    if time.time() - pending.get("at", 0) > PENDING_MAX_AGE:
        del request.session[PENDING_SESSION_KEY]
        return None
    user = get_user_model()._default_manager.filter(pk=pending["user"], is_active=True, is_staff=True).first()
    if user is not None:
        user.backend = pending["backend"]
    return user


@never_cache
@csrf_protect
def verify(request: HttpRequest) -> HttpResponse:
    """The second step: the code, for a sign-in in progress or a session not yet verified."""
    next_url = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME)
    signed_in = two_factor_step(request.user) is TwoFactorStep.VERIFY
    user = request.user if signed_in else _pending_user(request)
    if user is None:
        if request.user.is_authenticated:
            return HttpResponseRedirect(safe_next(request, next_url))
        messages.info(request, _("Please sign in with your username and password first."))
        return HttpResponseRedirect(reverse("admin:login"))

    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        credentials = {"username": user.get_username()}
        if AxesProxyHandler.is_locked(request, credentials):
            return lockout_response(request, None, credentials)
        try:
            device = services.two_factor_verify(user=user, code=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
            if error.code == "invalid":
                # A wrong code counts like a wrong password: AxesMiddleware shows the
                # lockout page when it is the last one allowed.
                user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        else:
            if signed_in:
                # More rights from here on: a new session key, as at sign-in.
                request.session.cycle_key()
            else:
                del request.session[PENDING_SESSION_KEY]
                auth_login(request, user, backend=user.backend)
            otp_login(request, device)
            return HttpResponseRedirect(safe_next(request, next_url))

    context = {
        **admin.site.each_context(request),
        "title": _("Two-step verification"),
        "form": form,
        "next": next_url or "",
        "signed_in": signed_in,
        "verify_user": user,
    }
    return render(request, "admin/accounts/two_factor_verify.html", context)


def two_factor(request: HttpRequest) -> HttpResponse:
    """The user's two-step verification: its state, or adding an authenticator app."""
    user = request.user
    device = totp_device(user)
    adding = device is None or request.GET.get("new") == "1" or request.method == "POST"
    if not adding:
        request.session.pop(ENROL_SESSION_KEY, None)
        return _render(
            request,
            "admin/accounts/two_factor.html",
            {
                "device": device,
                "backup_codes_left": backup_codes_left(user),
                "disable_form": None if two_factor_required(user) else PasswordConfirmForm(request=request),
            },
        )

    key = request.session.get(ENROL_SESSION_KEY) or random_hex(20)
    request.session[ENROL_SESSION_KEY] = key
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = services.two_factor_enrol(user=user, key=key, code=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
        else:
            del request.session[ENROL_SESSION_KEY]
            otp_login(request, device)
            messages.success(request, _("Two-step verification is on."))
            return _render_backup_codes(request, codes)

    new_device = TOTPDevice(user=user, key=key)
    qr = segno.make(new_device.config_url, error="m")
    secret = base64.b32encode(new_device.bin_key).decode()
    return _render(
        request,
        "admin/accounts/two_factor_enrol.html",
        {
            "form": form,
            "replacing": device is not None,
            "required": two_factor_step(user) is TwoFactorStep.ENROL,
            # segno writes plain SVG elements and attributes: no script, no style.
            "qr_svg": mark_safe(qr.svg_inline(scale=5, light="#fff", title=_("QR code to scan"))),  # noqa: S308
            "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
            "issuer": settings.OTP_TOTP_ISSUER,
        },
    )


@require_POST
def backup_codes(request: HttpRequest) -> HttpResponse:
    """A new set of backup codes, shown this once."""
    if totp_device(request.user) is None:
        return redirect("admin:two_factor")
    return _render_backup_codes(request, services.backup_codes_issue(user=request.user))


@require_POST
def two_factor_off(request: HttpRequest) -> HttpResponse:
    """Switch one's own two-step verification off, after typing the password (staff only)."""
    user = request.user
    form = PasswordConfirmForm(request.POST, request=request)
    if form.is_valid():
        try:
            services.two_factor_disable(user=user)
        except PermissionDenied as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Two-step verification is off."))
        return redirect("admin:two_factor")
    return _render(
        request,
        "admin/accounts/two_factor.html",
        {"device": totp_device(user), "backup_codes_left": backup_codes_left(user), "disable_form": form},
    )


def _render_backup_codes(request: HttpRequest, codes: list[str]) -> HttpResponse:
    return _render(request, "admin/accounts/backup_codes.html", {"codes": codes})


def _render(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    owing = two_factor_step(request.user) is not None
    return render(
        request,
        template,
        {
            **admin.site.each_context(request),
            "title": _("Two-step verification"),
            # Until the step is done every other admin page sends the user back here.
            "is_nav_sidebar_enabled": not owing,
            "owing": owing,
            **context,
        },
    )
