"""The lists' filter form (templates/_filter_form.html) folds behind its label, open when a
filter is applied or wrong; the search page's form never folds."""

import pytest

from tests.pages import html_of

pytestmark = pytest.mark.django_db


def fold_of(page: str) -> str:
    """The opening tag of the page's filter fold, or "" when the form is not folded."""
    start = page.find('<details class="filter-fold"')
    return page[start : page.index(">", start) + 1] if start >= 0 else ""


@pytest.mark.parametrize("url", ["/nhan-su/", "/van-ban/", "/su-kien/", "/phoi-hop/"])
def test_a_list_s_filter_form_is_folded_until_a_filter_is_applied(client, url):
    page = html_of(client.get(url))

    assert fold_of(page) == '<details class="filter-fold">'
    assert "đang lọc" not in page


def test_an_applied_filter_keeps_the_form_open_and_says_so(client):
    page = html_of(client.get("/van-ban/", {"nam": "2021"}))

    assert fold_of(page) == '<details class="filter-fold" open>'
    assert (
        '<summary class="filter-fold__toggle">Lọc văn bản '
        '<span class="filter-fold__state">(đang lọc)</span></summary>'
    ) in page


def test_a_wrong_filter_keeps_the_form_open_with_its_error(client):
    page = html_of(client.get("/van-ban/", {"nam": "hai nghìn"}))

    assert fold_of(page) == '<details class="filter-fold" open>'
    assert "Nhập năm gồm bốn chữ số, ví dụ 2025." in page


def test_the_search_form_is_never_folded(client):
    page = html_of(client.get("/tim-kiem/"))

    assert fold_of(page) == ""
    assert '<form class="filter-form filter-form--four search-form"' in page
