"""Form pieces every app's admin uses: slugs made on the server, addresses typed without a
scheme, the data of a call to a service, and inline formsets that check their rows together."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from portal.slugs import SLUG_MAX_LENGTH, unique_slug


class HttpsURLField(forms.URLField):
    """An address typed without a scheme ("hcma.vn") is taken as https://, Django 6's default.

    Saying so also keeps Django 5's warning about the change of default out of the admin.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


class SlugFromTextForm(forms.ModelForm):
    """A ModelForm whose `slug` may be left empty: clean() then makes it from `slug_text()`.

    The admin's prepopulated slugs are made in the browser by Django's slugify, which
    drops "đ" ("Đảng" → "ang"); `unique_slug` folds it to "d" and adds "-2", "-3"… when
    the slug is taken. The slug is made in clean(), before model validation, so it is
    checked (length, uniqueness) like a typed one. A slug typed by staff is kept.
    """

    slug_help_text = _(
        "The address of the page. Leave empty to make it from the name (đ becomes d). "
        "Changing it breaks links already shared."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = self.slug_help_text

    def slug_text(self, cleaned_data: dict) -> str:
        """The text the slug is made from; empty when the fields it needs are invalid."""
        raise NotImplementedError

    def clean(self):
        cleaned_data = super().clean()
        if "slug" in self.fields and not cleaned_data.get("slug"):
            text = self.slug_text(cleaned_data).strip()
            if text:
                cleaned_data["slug"] = unique_slug(
                    self._meta.model, text, max_length=SLUG_MAX_LENGTH, exclude_pk=self.instance.pk
                )
        return cleaned_data


class ServiceForm(forms.Form):
    """The data of a call to a service, which does the writing.

    The service's ValidationError is shown on the form by `add_service_error`, under the
    field it names (`service_fields` maps its names to the form's) or above the form.
    """

    service_fields: dict[str, str] = {}

    def add_service_error(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, errors in error.error_dict.items():
            field = self.service_fields.get(name, name)
            self.add_error(field if field in self.fields else None, errors)


class RowsInlineFormSet(BaseInlineFormSet):
    """An inline formset whose clean() reads the rows that will be kept."""

    def kept_forms(self) -> list[forms.ModelForm]:
        """The rows that will be saved: saved rows not marked for deletion, and new rows filled in."""
        return [
            form
            for form in self.forms
            if not self._should_delete_form(form) and (form.instance.pk is not None or form.has_changed())
        ]
