from django.contrib.staticfiles.storage import staticfiles_storage
from django.shortcuts import redirect, render
from django.views.decorators.cache import cache_control


def home(request):
    return render(request, "portal/home.html")


@cache_control(max_age=24 * 60 * 60, public=True)
def favicon(request):
    return redirect(staticfiles_storage.url("img/favicon.svg"), permanent=True)
