from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.news.models import Article, ArticleFeedback
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
