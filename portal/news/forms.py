from django import forms
from django.core.exceptions import ValidationError

from portal.news.models import Article
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
