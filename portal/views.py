from django.contrib.staticfiles.storage import staticfiles_storage
from django.shortcuts import redirect, render
from django.views.decorators.cache import cache_control

from portal.cache import TOPICS, public_page


@public_page(*TOPICS)
def home(request):
    return render(request, "portal/home.html")


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
