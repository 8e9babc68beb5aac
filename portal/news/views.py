"""Public pages of the news: an article's page, a category's list and the search."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from portal.cache import public_page
from portal.lib.search import query_words
from portal.news import search as searching
from portal.news import selectors
from portal.news.forms import SearchForm
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


SEARCH_HITS_PER_PAGE = 20


# The search reads the entries: the article services change them ("news"), and the refresh of
# the other records' entries says when it is done ("search").
@public_page("news", "search")
def search(request):
    categories = list(Category.objects.only("name", "slug", "parent_id"))
    form = SearchForm(request.GET or None, categories=categories)
    context = {"form": form, "searched": False, "is_filtered": bool(request.GET)}
    if form.is_bound and form.is_valid() and form.cleaned_data["q"].strip():
        context.update(_search_results(request, form))
    return render(request, "news/search.html", context)


def _search_results(request, form: SearchForm) -> dict:
    words = query_words(form.cleaned_data["q"])
    if not words:
        return {"searched": True, "total": 0}
    criteria = searching.Criteria(
        words=words,
        category_ids=form.category_ids(),
        first_day=form.cleaned_data["tu_ngay"],
        last_day=form.cleaned_data["den_ngay"],
    )
    found = searching.search(
        criteria,
        group_key=request.GET.get("loai", ""),
        page_number=request.GET.get("trang"),
        per_page=SEARCH_HITS_PER_PAGE,
    )
    return {
        "searched": True,
        "total": sum(found.counts.values()),
        "groups": [(group, found.counts[group.key]) for group in searching.GROUPS],
        "group": found.group,
        "page": found.page,
        "hits": found.page.object_list,
        "others": found.others,
    }
