from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from portal.history import AuditedHistory


class Region(models.Model):
    """A region of the country as the academies divide it: Tây Nam Bộ, Bắc Trung Bộ…"""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = AuditedHistory()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name


class ProvinceKind(models.TextChoices):
    PROVINCE = "province", _("province")
    CITY = "city", _("centrally-run city")


class Province(models.Model):
    """A province or centrally-run city, with its validity so that mergers keep history."""

    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=16, choices=ProvinceKind, default=ProvinceKind.PROVINCE)
    code = models.CharField(
        _("code"), max_length=8, blank=True, help_text=_("Administrative code, if known.")
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="provinces",
        null=True,
        blank=True,
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        related_name="merged_from",
        null=True,
        blank=True,
    )

    history = AuditedHistory()

    class Meta:
        ordering = ["name"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=~Q(code=""),
                name="province_code_unique",
                violation_error_message=_("Another province already has this code."),
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="province_valid_to_after_valid_from",
                violation_error_message=_("A province cannot end before it begins."),
            ),
            models.CheckConstraint(
                condition=~Q(merged_into=F("pk")),
                name="province_not_merged_into_itself",
                violation_error_message=_("A province cannot be merged into itself."),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        # "Not merged into itself" is the constraint's, checked first by province_merge.
        if self.merged_into_id and not self.valid_to:
            raise ValidationError({"valid_to": _("Give the date of the merger as the last day of validity.")})

    @property
    def is_current(self) -> bool:
        return self.valid_to is None
