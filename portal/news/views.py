"""Public pages of the news: an article's page and a category's list; the counting beacon."""

import base64

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from portal.cache import public_page
from portal.news import counters, selectors
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
    counters.with_views([article])
    count_url = reverse("news:count_article", args=[article.pk])
    return render(request, "news/article_detail.html", {"article": article, "count_url": count_url})


@public_page(*TOPICS)
def category_detail(request, slug):
    category = get_object_or_404(Category, slug=slug)
    articles = selectors.articles_in_category(category)
    page = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("trang"))
    return render(request, "news/category_detail.html", {"category": category, "page": page})


# A transparent 1×1 GIF: what the counting image of a page read without JavaScript gets.
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAAAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==")


@csrf_exempt  # posted by the pages, which carry no token: a page from the cache cannot hold one
@require_http_methods(["GET", "POST"])
def count(request, article_id=None):
    """The counting beacon of every public page, of the article's page with its id.

    POSTed by static/js/counter.js, it counts the view and the visitor and answers with the
    counts to show (the page itself may come from a cache); a page read without JavaScript
    asks for it as an image (GET) instead. Never stored by any cache. Programs and other
    sites' pages are answered without being counted.
    """
    views = None
    if article_id is not None:
        stored = (
            selectors.articles_public().filter(pk=article_id).values_list("view_count", flat=True).first()
        )
        if stored is None:
            raise Http404
        views = stored
    counted = not counters.is_bot(request.META.get("HTTP_USER_AGENT", "")) and request.headers.get(
        "Sec-Fetch-Site", "same-origin"
    ) in {"same-origin", "none"}
    if counted:
        if article_id is not None:
            views = stored + counters.count_view(article_id=article_id)
        counters.count_visit(request=request)
    elif article_id is not None:
        views = counters.with_views([Article(pk=article_id, view_count=stored)])[0].views
    if request.method == "GET":
        response = HttpResponse(PIXEL, content_type="image/gif")
    else:
        response = JsonResponse({"views": views, "visitors": counters.visitors()})
    response["Cache-Control"] = "no-store"
    return response
