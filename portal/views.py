from django.contrib.staticfiles.storage import staticfiles_storage
from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control

from agreements.selectors.public import public_agreements
from committees.selectors import decision_list_queryset
from events.selectors import event_list_queryset, upcoming_events
from portal.cache import TOPICS, public_page
from portal.news import selectors as news

# How many of each the home page shows.
HOME_FEATURED = 4
HOME_LATEST = 8
HOME_PER_CATEGORY = 4
HOME_MOST_VIEWED = 5
HOME_EVENTS = 5
HOME_DECISIONS = 5
HOME_AGREEMENTS = 5


@public_page(*TOPICS)
def home(request):
    """The front page: the news first, then what is coming and what was decided and agreed.

    A fixed number of queries, whatever the number of articles and categories (one each for
    featured, latest, most viewed, events, decisions and agreements; two for the category
    blocks). The latest leave out the featured articles shown above them.
    """
    featured = news.featured_articles(limit=HOME_FEATURED)
    context = {
        "featured": featured,
        "latest": news.latest_articles(limit=HOME_LATEST, exclude=[article.pk for article in featured]),
        "category_blocks": news.top_categories_with_articles(per_category=HOME_PER_CATEGORY),
        "most_viewed": news.most_viewed_articles(limit=HOME_MOST_VIEWED),
        "events": list(upcoming_events(event_list_queryset(), today=timezone.localdate())[:HOME_EVENTS]),
        "decisions": list(
            decision_list_queryset().order_by(F("issued_on").desc(nulls_last=True), "-pk")[:HOME_DECISIONS]
        ),
        "agreements": list(
            public_agreements().order_by(F("signed_on").desc(nulls_last=True), "-pk")[:HOME_AGREEMENTS]
        ),
    }
    return render(request, "portal/home.html", context)


@public_page(*TOPICS)
def robots_txt(request):
    """Robots may read every public page, not the admin, search results (endless, and each
    one a fresh query) nor preview links (signed, and not the public article); the sitemap
    lists the rest."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /tim-kiem/",
        "Disallow: /tin-tuc/xem-truoc/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@cache_control(max_age=24 * 60 * 60, public=True)
def favicon(request):
    return redirect(staticfiles_storage.url("img/favicon.svg"), permanent=True)


def csrf_failure(request, reason=""):
    """The CSRF failure page in the site's look, saying what the reader can do about it.

    Django's own view does not pass its context to a project template of that name.
    """
    from django.middleware.csrf import REASON_NO_CSRF_COOKIE, REASON_NO_REFERER

    context = {"no_cookie": reason == REASON_NO_CSRF_COOKIE, "no_referer": reason == REASON_NO_REFERER}
    return render(request, "403_csrf.html", context, status=403)
