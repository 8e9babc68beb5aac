"""Public pages of the news: an article's page, the lists by category, tag, month and
organisation, and the feeds."""

import datetime as dt

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from committees.models import Organization
from portal.cache import public_page
from portal.news import feeds, selectors
from portal.news.models import Article, ArticleSlugRedirect, Category, Tag

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
