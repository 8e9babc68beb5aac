"""Forms of the events admin: one screen per event, refused as a whole when any part is wrong.

The rules that span several rows (an online event has sites, speeches have distinct
orders, one main site) are the service's checks, called by the inline formsets' clean()
so that the admin shows the whole change form again with the message and saves nothing;
`event_save` then writes the event and its rows.
"""

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from events.models import Event, EventPhoto
from events.services import event_check_sites, event_check_speeches
from portal.forms import RowsInlineFormSet, SlugFromTextForm


class EventForm(SlugFromTextForm):
    """The event itself; the slug, left empty, is made from the title."""

    class Meta:
        model = Event
        fields = (
            "title",
            "slug",
            "kind",
            "purpose",
            "level",
            "format",
            "status_notice",
            "start_date",
            "part_of_day",
            "start_time",
            "end_date",
            "end_time",
            "day_unknown",
            "host",
            "co_organizers",
            "summary",
            "legal_documents",
        )
        help_texts = {
            "start_date": _("Typed as dd/mm/yyyy, for example 05/06/2025."),
            "format": _("An online or hybrid event needs at least one connection site, entered below."),
        }

    def slug_text(self, cleaned_data: dict) -> str:
        return cleaned_data.get("title", "")


class EventInlineFormSet(RowsInlineFormSet):
    """An inline of the event whose clean() reads the rows that will be kept."""


class EventSiteFormSet(EventInlineFormSet):
    def clean(self):
        super().clean()
        # The event form has already put the posted format on self.instance.
        event_check_sites(
            event_format=self.instance.format, sites=[form.instance for form in self.kept_forms()]
        )


class SpeechFormSet(EventInlineFormSet):
    def clean(self):
        # Checked before Django's own uniqueness check, whose message names the columns.
        event_check_speeches(
            speeches=[
                form.instance for form in self.kept_forms() if form.cleaned_data.get("order") is not None
            ]
        )
        super().clean()


class StoredFileWidget(forms.Widget):
    """A stored file shown as a link with a note, in place of a file input; it posts nothing."""

    def __init__(self, note, attrs=None):
        super().__init__(attrs)
        self.note = note

    def render(self, name, value, attrs=None, renderer=None):
        if not value:
            return ""
        return format_html(
            '<p class="file-upload"><a href="{}">{}</a></p><div class="help">{}</div>',
            value.url,
            _("Open the original"),
            self.note,
        )

    def value_from_datadict(self, data, files, name):
        return None


class EventPhotoForm(forms.ModelForm):
    """A photo, checked by its field's upload rules (portal/files.py).

    A saved photo's file cannot be replaced here: its renditions are made once, from the
    file first saved; to change the picture, delete the row and add the new one.
    """

    class Meta:
        model = EventPhoto
        fields = ("image", "caption", "credit", "order")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            # Shown, never posted nor read: a disabled file field would still clean the stored
            # file, reading its size from the storage (a request to the bucket, a 500 if it is
            # gone) on every save of the event.
            self.fields["image"] = forms.Field(
                label=self.fields["image"].label,
                required=False,
                disabled=True,
                widget=StoredFileWidget(_("To use another picture, delete this photo and add the new one.")),
            )

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is not None:
            # The stored file stays as it is, checked when it was uploaded. Assigning it again
            # would make Django re-read its dimensions, which closes it, and the validators
            # would then fail on the closed file; left out, it is not validated again either.
            cleaned_data.pop("image", None)
        return cleaned_data
