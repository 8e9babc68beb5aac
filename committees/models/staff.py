from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from committees.models.organizations import Organization
from portal.history import AuditedHistory


class StaffMembership(models.Model):
    """An organisation a staff user works for: in the admin they see and change its records
    and those of its child organisations (portal/scoping.py). A user may have several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="staff_memberships",
    )

    history = AuditedHistory()

    class Meta:
        verbose_name = _("staff membership")
        verbose_name_plural = _("staff memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="committees_membership_unique"),
        ]
        permissions = [
            ("view_all_organizations", _("Can see and change the records of every organisation")),
        ]

    def __str__(self):
        return f"{self.user} — {self.organization}"
