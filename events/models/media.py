from django.db import models
from django.utils.translation import gettext_lazy as _

from events.models.events import Event
from portal.files import UploadField, UploadImageField
from portal.history import AuditedHistory


class EventDocument(models.Model):
    """A report, programme or other document of the event (PDF or DOCX, at most 20 MB)."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=500)
    file = UploadField(_("file"), kind="document", folder="events/documents")
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = AuditedHistory()

    class Meta:
        ordering = ["event", "order", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title

    @property
    def extension(self) -> str:
        return self.file.name.rsplit(".", 1)[-1].upper() if "." in self.file.name else ""


class EventPhoto(models.Model):
    """A photo with its caption; renditions are made once, in a Celery task, after it is saved."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="photos")
    image = UploadImageField(
        _("photo"), kind="photo", folder="events/photos", width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(_("width"), null=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, editable=False)
    caption = models.CharField(_("caption"), max_length=500)
    credit = models.CharField(
        _("credit"), max_length=160, blank=True, help_text=_('For example "Ảnh: Đức Anh".')
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    thumbnail = models.ImageField(_("thumbnail"), upload_to="events/renditions/", blank=True, editable=False)
    medium = models.ImageField(_("medium size"), upload_to="events/renditions/", blank=True, editable=False)

    history = AuditedHistory()

    class Meta:
        ordering = ["event", "order", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return self.caption

    @property
    def display_url(self) -> str:
        """The medium rendition once made, the original until then."""
        return (self.medium or self.image).url

    @property
    def thumbnail_url(self) -> str:
        return (self.thumbnail or self.image).url
