"""No English on the demo's admin pages and public pages, hidden texts included: a crawl of the
admin (every registered model's list, add and change pages) and of the public pages fails on
the English phrases Django and its admin write when a text escapes translation.

Text nodes and the attributes read aloud or shown on hover (aria-label, placeholder, title,
alt, the value of a button) are read; names, slugs and brands are not English phrases of this
list, so the check has no false positives on the demo's content.
"""

from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.urls import reverse

pytestmark = pytest.mark.django_db

# Whole texts (a trailing colon aside) that are Django's or its admin's English.
ENGLISH = {
    "Actions",
    "Add",
    "Change",
    "Choose",
    "Clear",
    "Close",
    "Delete",
    "False",
    "Filter",
    "Go",
    "Hide counts",
    "History",
    "Home",
    "Log out",
    "Next",
    "No",
    "None",
    "Now",
    "Page not found",
    "Previous",
    "Remove",
    "Save",
    "Search",
    "Server error",
    "Show all",
    "Show counts",
    "Today",
    "True",
    "Unknown",
    "View site",
    "Yes",
}
# The start of longer English texts.
ENGLISH_STARTS = (
    "Add another",
    "Filter by",
    "Run the selected action",
    "Select all",
    "Skip to main content",
    "Start typing to filter",
    "Toggle navigation",
    "Toggle theme",
    "Welcome,",
)
READ_ATTRIBUTES = {"aria-label", "placeholder", "title", "alt"}


class Texts(HTMLParser):
    """The texts of a page a reader sees or hears."""

    def __init__(self):
        super().__init__()
        self.texts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._hidden += 1
        values = dict(attrs)
        self.texts += [value for name, value in attrs if name in READ_ATTRIBUTES and value]
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            self.texts.append(values["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.texts.append(data)


def english_in(html: str) -> set[str]:
    parser = Texts()
    parser.feed(html)
    found = set()
    for text in parser.texts:
        text = " ".join(text.split()).rstrip(":").strip()
        if text in ENGLISH or text.startswith(ENGLISH_STARTS):
            found.add(text)
    return found


def test_the_check_finds_djangos_english():
    page = (
        '<img alt="Search"><a title="Toggle theme (current theme: auto)">x</a><p>Show all</p><p>Tìm kiếm</p>'
    )
    assert english_in(page) == {"Search", "Toggle theme (current theme: auto)", "Show all"}
    assert english_in("<p>Học viện Chính trị khu vực IV</p><p>Facebook</p><p>Nghệ An</p>") == set()


def admin_urls(request) -> list[str]:
    urls = [reverse("admin:index")]
    for model, model_admin in admin.site._registry.items():
        info = model._meta.app_label, model._meta.model_name
        urls.append(reverse("admin:{}_{}_changelist".format(*info)))
        if model_admin.has_add_permission(request):
            urls.append(reverse("admin:{}_{}_add".format(*info)))
        latest = model._default_manager.order_by("-pk").values_list("pk", flat=True).first()
        if latest is not None:
            urls.append(reverse("admin:{}_{}_change".format(*info), args=[quote(latest)]))
    return urls


def public_urls() -> list[str]:
    from agreements.models import Agreement
    from committees.models import Decision, LegalDocument, Organization, Person
    from events.models import Event
    from portal.news.models import Article

    urls = [
        "/",
        "/to-chuc/",
        "/van-ban/",
        "/su-kien/",
        "/su-kien/lich/2021/8/",
        "/phoi-hop/",
        "/tim-kiem/?q=hoc+vien",
    ]
    for model in (Organization, Person, Decision, LegalDocument, Event, Agreement, Article):
        records = model._default_manager.order_by("-pk")[:3]
        urls += [record.get_absolute_url() for record in records if hasattr(record, "get_absolute_url")]
    return urls


def test_no_english_on_the_admin_pages_of_the_demo(demo_data, admin_client):
    request = admin_client.get(reverse("admin:index")).wsgi_request
    urls = admin_urls(request)
    assert len(urls) > 40

    english = {}
    for url in urls:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        for text in english_in(response.content.decode()):
            english.setdefault(text, url)

    assert english == {}


def test_no_english_on_the_public_pages_of_the_demo(demo_data, client):
    urls = public_urls()
    english = {}
    for url in urls:
        response = client.get(url)
        if response.status_code == 200:
            for text in english_in(response.content.decode()):
                english.setdefault(text, url)
    missing = client.get("/khong-co-trang-nay/")

    assert missing.status_code == 404
    assert english_in(missing.content.decode()) == set()
    assert english == {}
