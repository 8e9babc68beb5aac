from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.widgets import CKEditor5Widget

from portal.news.models import Article, ArticleFeedback, Category
from portal.news.selectors import category_descendant_ids
from portal.news.services import article_check


class BodyEditor(CKEditor5Widget):
    """CKEditor 5 (settings.CKEDITOR_5_CONFIGS["default"]), able to lay itself out under the
    site's Content-Security-Policy (static/js/ckeditor-csp.js says how)."""

    class Media:
        js = ["js/ckeditor-csp.js"]


class ArticleForm(forms.ModelForm):
    """The article's change form: the service's rules (`article_check`) show on the fields
    they concern before anything is saved."""

    class Meta:
        model = Article
        fields = [
            "title",
            "slug",
            "lead",
            "body",
            "byline",
            "source_organization",
            "cover",
            "cover_caption",
            "cover_alt",
            "categories",
            "tags",
            "featured",
            "events",
            "agreements",
            "organizations",
            "people",
            "decisions",
            "publish_at",
            "seo_title",
            "seo_description",
        ]
        # CKEditor 5 (settings.CKEDITOR_5_CONFIGS); the service cleans whatever it sends.
        widgets = {"body": BodyEditor(config_name="default")}

    def _post_clean(self):
        super()._post_clean()
        try:
            article_check(article=self.instance)
        except ValidationError as error:
            self._update_errors(error)


class FeedbackForm(forms.ModelForm):
    """A reader's message on an article, with a honeypot: `website` is hidden from people (by
    CSS, and its label asks them to leave it empty) but filled in by bots that fill every field."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = ArticleFeedback
        fields = ["name", "email", "message"]
        labels = {
            "name": _("Your name"),
            "email": _("Your e-mail (not published)"),
            "message": _("Your message"),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "message": forms.Textarea(attrs={"rows": 5}),
        }

    @property
    def from_bot(self) -> bool:
        """Whether the honeypot was filled in (read before validation: a bot gets no errors to learn from)."""
        return bool(str(self.data.get(self.add_prefix("website"), "")).strip())


class SearchForm(forms.Form):
    """The public search form (/tim-kiem/), read from the query string: the words, and
    optionally a category (its slug) and a date range typed as dd/mm/yyyy."""

    q = forms.CharField(
        label=_("Search for"),
        max_length=200,
        required=False,
        error_messages={"max_length": _("Type at most %(limit_value)d characters to search for.")},
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    chuyen_muc = forms.ChoiceField(
        label=_("Category"),
        required=False,
        error_messages={"invalid_choice": _("Choose a category from the list.")},
    )
    tu_ngay = forms.DateField(
        label=_("From (dd/mm/yyyy)"),
        required=False,
        input_formats=["%d/%m/%Y"],
        error_messages={"invalid": _("Type a date as dd/mm/yyyy, for example 30/08/2021.")},
        widget=forms.DateInput(
            format="%d/%m/%Y", attrs={"inputmode": "numeric", "placeholder": "dd/mm/yyyy"}
        ),
    )
    den_ngay = forms.DateField(
        label=_("To (dd/mm/yyyy)"),
        required=False,
        input_formats=["%d/%m/%Y"],
        error_messages={"invalid": _("Type a date as dd/mm/yyyy, for example 30/08/2021.")},
        widget=forms.DateInput(
            format="%d/%m/%Y", attrs={"inputmode": "numeric", "placeholder": "dd/mm/yyyy"}
        ),
    )

    def __init__(self, *args, categories: list[Category], **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = categories
        self.fields["chuyen_muc"].choices = [("", _("All categories"))] + [
            (category.slug, category.name) for category in categories
        ]

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("tu_ngay"), cleaned.get("den_ngay")
        if first and last and first > last:
            self.add_error("den_ngay", _("The end date must not be before the start date."))
        return cleaned

    def category_ids(self) -> list[int] | None:
        """The ids of the category chosen and of the categories under it; None if none chosen."""
        slug = self.cleaned_data.get("chuyen_muc")
        if not slug:
            return None
        chosen = next(category for category in self.categories if category.slug == slug)
        return sorted(category_descendant_ids(self.categories, chosen.pk))
