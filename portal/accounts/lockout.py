"""django-axes hooks: the client's address behind the proxies, and the lockout page."""

import math

from axes.helpers import get_client_username
from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts.selectors import locked_until
from portal.lib.forwarded import client_address


def client_ip(request: HttpRequest) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: the client's address, read through PROXY_COUNT trusted proxies."""
    return client_address(
        request.META.get("REMOTE_ADDR"),
        request.META.get("HTTP_X_FORWARDED_FOR"),
        settings.PROXY_COUNT,
    )


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: a page in the admin's look saying when signing in works again.

    429 Too Many Requests with Retry-After: the refusal is about the pace of attempts and
    ends by itself, which is what 429 means; 403 would say "never".
    """
    username = get_client_username(request, credentials) or ""
    ip_address = getattr(request, "axes_ip_address", None) or client_ip(request)
    until = locked_until(username=username, ip_address=ip_address)
    seconds = max(1, math.ceil((until - timezone.now()).total_seconds()))
    context = {
        **admin.site.each_context(request),
        "title": _("Signing in is paused"),
        "username": username,
        "until": until,
        "minutes": math.ceil(seconds / 60),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    response = render(request, "admin/accounts/locked_out.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response
