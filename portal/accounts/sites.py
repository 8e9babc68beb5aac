"""The portal's admin site: Django's, with a two-step sign-in and two-step verification enforced."""

import functools
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from portal.accounts.selectors import TwoFactorStep, two_factor_step

# What a user who owes a step may still open: the step's own pages and the way out.
ALLOWED_WHILE_OWING = {
    TwoFactorStep.VERIFY: {"two_factor_verify", "logout"},
    TwoFactorStep.ENROL: {"two_factor", "two_factor_verify", "logout", "jsi18n"},
}
STEP_URL_NAMES = {TwoFactorStep.VERIFY: "admin:two_factor_verify", TwoFactorStep.ENROL: "admin:two_factor"}


def step_redirect(step: TwoFactorStep, next_url: str) -> HttpResponseRedirect:
    """Send the user to the page of `step`, coming back to `next_url` afterwards."""
    return HttpResponseRedirect(
        f"{reverse(STEP_URL_NAMES[step])}?{urlencode({REDIRECT_FIELD_NAME: next_url})}"
    )


@dataclass(frozen=True)
class AdminPage:
    """A page of an app in the admin that is no model's list (a dashboard): served at
    /admin/<app_label>/<slug>/ as `admin:<app_label>_<slug>`, and listed with the app's models
    to the staff holding `permission`."""

    app_label: str
    slug: str
    label: str | Promise
    permission: str
    view: Callable[..., HttpResponse]

    @property
    def url_name(self) -> str:
        return f"{self.app_label}_{self.slug}"


class PortalAdminSite(admin.AdminSite):
    """Every admin page first asks for what the user owes: a code, or setting up an app.

    Sign-in takes the password, then (for users with an authenticator app) the code, on
    a second page; only then is the user logged in. A session made any other way, whose
    user has an app, must still be verified; a superuser without an app must set one up.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages: list[AdminPage] = []

    def register_page(self, page: AdminPage) -> None:
        """Serve `page` in this site and list it in its app (an app's admin module calls this)."""
        self._pages.append(page)

    def admin_view(self, view, cacheable=False):
        return super().admin_view(self._two_factor_guard(view), cacheable)

    @staticmethod
    def _two_factor_guard(view):
        @functools.wraps(view)
        def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            step = two_factor_step(request.user)
            if step is not None:
                match = request.resolver_match
                if match is None or match.url_name not in ALLOWED_WHILE_OWING[step]:
                    return step_redirect(step, request.get_full_path())
            return view(request, *args, **kwargs)

        return guarded

    def get_urls(self):
        from portal.accounts import views

        return [
            path("login/verify/", views.verify, name="two_factor_verify"),
            path("2fa/", self.admin_view(views.two_factor), name="two_factor"),
            path("2fa/backup-codes/", self.admin_view(views.backup_codes), name="two_factor_backup_codes"),
            path("2fa/disable/", self.admin_view(views.two_factor_off), name="two_factor_disable"),
            *(
                path(f"{page.app_label}/{page.slug}/", self.admin_view(page.view), name=page.url_name)
                for page in self._pages
            ),
            *super().get_urls(),
        ]

    def get_app_list(self, request, app_label=None):
        """Django's list of apps and models, with each app's pages the user may open after its models."""
        apps = super().get_app_list(request, app_label)
        for app in apps:
            for page in self._pages:
                if page.app_label == app["app_label"] and request.user.has_perm(page.permission):
                    app["models"].append(
                        {
                            "name": page.label,
                            "object_name": page.slug,
                            "admin_url": reverse(f"{self.name}:{page.url_name}", current_app=self.name),
                            "add_url": None,
                            "view_only": True,
                            "perms": {"view": True},
                        }
                    )
        return apps

    @method_decorator(never_cache)
    @login_not_required
    def login(self, request, extra_context=None):
        """Django's admin login with the portal's first step (portal.accounts.views.SignInView)."""
        from portal.accounts.views import SignInView

        step = two_factor_step(request.user)
        if step is not None:
            return step_redirect(step, request.GET.get(REDIRECT_FIELD_NAME, reverse("admin:index")))
        if request.method == "GET" and self.has_permission(request):
            return HttpResponseRedirect(reverse("admin:index", current_app=self.name))
        context = {
            **self.each_context(request),
            "title": _("Log in"),
            "subtitle": None,
            "app_path": request.get_full_path(),
            "username": request.user.get_username(),
        }
        if REDIRECT_FIELD_NAME not in request.GET and REDIRECT_FIELD_NAME not in request.POST:
            context[REDIRECT_FIELD_NAME] = reverse("admin:index", current_app=self.name)
        context.update(extra_context or {})
        request.current_app = self.name
        return SignInView.as_view(
            extra_context=context, template_name=self.login_template or "admin/login.html"
        )(request)

    def logout(self, request, extra_context=None):
        """Django's admin logout, landing on the sign-in page (LOGOUT_REDIRECT_URL) with a word."""
        response = super().logout(request, extra_context)
        if request.method == "POST" and response.status_code == 302:
            messages.success(request, _("You have signed out."))
        return response
