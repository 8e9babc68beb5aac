from axes import apps as axes_apps
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Sign-in protection of the admin: lockout, two-step verification, idle sessions."""

    name = "portal.accounts"
    label = "accounts"
    verbose_name = _("Sign-in and security")
    default = True


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin app, with the portal's site (two-step sign-in) as `admin.site`."""

    default = False
    default_site = "portal.accounts.sites.PortalAdminSite"


class AxesConfig(axes_apps.AppConfig):
    """django-axes, under a translated name in the admin."""

    default = False
    verbose_name = _("Sign-in attempts")
