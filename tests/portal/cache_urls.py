"""Views marked public that must still never be cached: a page holding a CSRF token, one setting a cookie."""

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from portal.cache import public_page

FORM = engines["django"].from_string('<form method="post">{% csrf_token %}<button>Gửi</button></form>')


@public_page("events")
def form(request):
    return HttpResponse(FORM.render({}, request))


@public_page("events")
def cookie(request):
    response = HttpResponse("Xin chào")
    response.set_cookie("seen", "1")
    return response


urlpatterns = [path("form/", form), path("cookie/", cookie)]
