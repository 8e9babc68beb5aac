from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.news.models import Article, Category
from portal.news.services import article_check


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

    def _post_clean(self):
        super()._post_clean()
        try:
            article_check(article=self.instance)
        except ValidationError as error:
            self._update_errors(error)


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
        ids, level = {chosen.pk}, [chosen.pk]
        while level:
            level = [c.pk for c in self.categories if c.parent_id in level and c.pk not in ids]
            ids.update(level)
        return sorted(ids)
