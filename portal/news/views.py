"""Public pages of the news: an article's page, the lists by category, tag, month and
organisation, the feeds, readers' feedback, the counting beacon and the search."""

import base64
import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from committees.models import Organization
from portal.cache import public_page
from portal.lib.forwarded import client_address
from portal.lib.search import query_words
from portal.news import counters, feeds, preview, selectors, services
from portal.news import search as searching
from portal.news.forms import FeedbackForm, SearchForm
from portal.news.models import Article, ArticleSlugRedirect, Category, Tag

ARTICLES_PER_PAGE = 20
# What the news pages show: articles, and the organisations they come from.
TOPICS = ("news", "committees")
# The article page also names the events, agreements and decisions it reports on.
ARTICLE_TOPICS = (*TOPICS, "events", "agreements")


@public_page(*ARTICLE_TOPICS)
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
    return _article_page(request, article, FeedbackForm())


def _article_page(request, article: Article, form: FeedbackForm, status: int = 200):
    counters.with_views([article])
    categories = list(article.categories.all())
    same_category = selectors.articles_in_same_category(article)
    return render(
        request,
        "news/article_detail.html",
        {
            "article": article,
            "category_path": selectors.category_path(categories[0]) if categories else [],
            "same_category": same_category,
            "other_articles": selectors.articles_other(article, besides=same_category),
            "feedback_list": selectors.feedback_shown(article),
            "feedback_form": form,
            "share_url": request.build_absolute_uri(article.get_absolute_url()),
            "count_url": reverse("news:count_article", args=[article.pk]),
        },
        status=status,
    )


# The article page is cached whole for anonymous readers, so its form can hold no CSRF token.
# The feedback needs none: it is anonymous, acts with nobody's session or rights, and what a
# forged post could do a visitor can do directly; the honeypot and the per-address limit
# (services.feedback_submit) stand against floods, and a moderator sees every message first.
@csrf_exempt
def feedback_send(request, slug):
    """The feedback form's target: the message kept for moderation, then a thank-you page; a
    form with errors, or refused by the rate limit, is shown again on the article's page."""
    try:
        article = selectors.article_for_page(slug)
    except Article.DoesNotExist:
        raise Http404 from None
    if request.method != "POST":
        return redirect(article.get_absolute_url() + "#phan-hoi")
    form = FeedbackForm(request.POST)
    if form.from_bot:  # the honeypot: the same thanks, whatever else it sent, and nothing kept
        return redirect("news:feedback_thanks", slug=article.slug)
    if not form.is_valid():
        return _article_page(request, article, form)
    ip = client_address(
        request.META.get("REMOTE_ADDR"), request.META.get("HTTP_X_FORWARDED_FOR"), settings.PROXY_COUNT
    )
    try:
        services.feedback_submit(
            article=article, ip=ip, **{name: form.cleaned_data[name] for name in form.Meta.fields}
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _article_page(request, article, form, status=429 if error.code == "rate_limited" else 200)
    return redirect("news:feedback_thanks", slug=article.slug)


def feedback_thanks(request, slug):
    """Said after a message is sent (not cached: it is only reached from the form)."""
    article = get_object_or_404(selectors.articles_public().only("pk", "title", "slug"), slug=slug)
    return render(request, "news/feedback_thanks.html", {"article": article})


@public_page(*TOPICS)
def category_detail(request, slug):
    category = get_object_or_404(Category, slug=slug)
    articles = selectors.articles_in_category(category).only(*selectors.LIST_FIELDS)
    years = selectors.publication_years(articles)
    # ?nam=2021: the category's articles of one year ("Năm phát hành"); a year not listed is
    # not a page of the site.
    year = request.GET.get("nam")
    if year is not None:
        if not year.isascii() or not year.isdigit() or int(year) not in {entry.year for entry in years}:
            raise Http404
        year = int(year)
        articles = articles.filter(published_at__year=year)
    page = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("trang"))
    return render(
        request,
        "news/category_detail.html",
        {"category": category, "page": page, "years": years, "year": year},
    )


@public_page(*TOPICS)
def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    page = Paginator(selectors.articles_with_tag(tag), ARTICLES_PER_PAGE).get_page(request.GET.get("trang"))
    return render(request, "news/tag_detail.html", {"tag": tag, "page": page})


@public_page(*TOPICS)
def archive_index(request):
    years = selectors.publication_years(selectors.articles_public())
    return render(request, "news/archive_index.html", {"years": years})


@public_page(*TOPICS)
def archive_year(request, year):
    months = selectors.publication_months(year=year)
    if not months:
        raise Http404
    page = Paginator(selectors.articles_in_month(year=year), ARTICLES_PER_PAGE).get_page(
        request.GET.get("trang")
    )
    return render(
        request,
        "news/archive.html",
        {
            "year": year,
            "month": None,
            "months": [(dt.date(year, month, 1), count) for month, count in months],
            "years": selectors.publication_years(selectors.articles_public()),
            "page": page,
        },
    )


@public_page(*TOPICS)
def archive_month(request, year, month):
    articles = selectors.articles_in_month(year=year, month=month)
    page = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("trang"))
    if not page.object_list:
        raise Http404
    return render(
        request,
        "news/archive.html",
        {
            "year": year,
            "month": dt.date(year, month, 1),
            "years": selectors.publication_years(selectors.articles_public()),
            "page": page,
        },
    )


@public_page(*TOPICS)
def organization_news(request, slug):
    organization = get_object_or_404(Organization, slug=slug)
    articles = selectors.articles_of_organization(organization)
    page = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("trang"))
    return render(request, "news/organization_news.html", {"organization": organization, "page": page})


latest_feed = public_page(*TOPICS)(feeds.LatestArticlesFeed())
category_feed = public_page(*TOPICS)(feeds.CategoryFeed())
organization_feed = public_page(*TOPICS)(feeds.OrganizationFeed())


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
        counters.with_views([article])  # shown as on the page (the preview itself is not counted)
        response = render(request, "news/article_preview.html", {"article": article})
    else:
        response = render(request, "news/article_preview_refused.html", {"reason": reason}, status=status)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


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
        "groups": [(group, _found_label(found, group)) for group in searching.GROUPS],
        "group": found.group,
        "page": found.page,
        "hits": found.page.object_list,
        "others": [(group, _found_label(found, group), top) for group, _count, top in found.others],
    }


def _found_label(found: searching.Results, group: searching.Group) -> str:
    """How many a group holds, as its tab and link show it: "1.234", or "more than 1.000"."""
    count = numberformat.format(
        found.counts[group.key],
        get_format("DECIMAL_SEPARATOR"),
        grouping=3,
        thousand_sep=get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
    )
    if group.key in found.more:
        return gettext("more than %(count)s") % {"count": count}
    return count
