"""Public pages of the news: an article's page and a category's list."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache

from portal.cache import public_page
from portal.news import preview, selectors
from portal.news.models import Article, ArticleSlugRedirect, Category

ARTICLES_PER_PAGE = 20
# What the news pages show: articles, and the organisations they come from.
TOPICS = ("news", "committees")


@public_page(*TOPICS)
def article_detail(request, slug):
    try:
        article = selectors.article_for_page(slug)
    except Article.DoesNotExist:
        # An address the article was published under before its slug changed.
        moved = ArticleSlugRedirect.objects.filter(old_slug=slug).values_list("article_id", flat=True).first()
        current = selectors.articles_public().filter(pk=moved).first() if moved else None
        if current is None:
            raise Http404 from None
        return redirect(current, permanent=True)
    return render(request, "news/article_detail.html", {"article": article})


@public_page(*TOPICS)
def category_detail(request, slug):
    category = get_object_or_404(Category, slug=slug)
    articles = selectors.articles_in_category(category)
    page = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("trang"))
    return render(request, "news/category_detail.html", {"category": category, "page": page})


@never_cache
def article_preview(request, token):
    """An article as readers will see it, for whoever holds its signed link: never cached,
    never indexed, and refused with a page saying why once the link has expired."""
    status = 200
    try:
        article = selectors.article_for_preview(preview.article_id_of(token))
    except preview.PreviewExpired:
        status, reason = 410, gettext("This preview link has expired. Ask the editor for a new one.")
    except (preview.PreviewInvalid, Article.DoesNotExist):
        status, reason = 404, gettext("This preview link is not valid. Check that it was copied whole.")
    if status == 200:
        response = render(request, "news/article_preview.html", {"article": article})
    else:
        response = render(request, "news/article_preview_refused.html", {"reason": reason}, status=status)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
