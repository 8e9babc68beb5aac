"""Strings of Django itself that its Vietnamese catalogue lacks or has only in a form the
templates no longer ask for. Marking them here keeps them in our catalogue
(locale/vi), which takes precedence over Django's; nothing imports this module."""

from django.utils.translation import gettext_noop, ngettext_lazy

ADMIN_ERRORNOTE = ngettext_lazy(
    "Please correct the error below.", "Please correct the errors below.", "count"
)
ADMIN_STRINGS = [
    gettext_noop("Toggle theme (current theme: auto)"),
    gettext_noop("Toggle theme (current theme: light)"),
    gettext_noop("Toggle theme (current theme: dark)"),
    gettext_noop("Model name"),
    gettext_noop("Show counts"),
    gettext_noop("Hide counts"),
]
