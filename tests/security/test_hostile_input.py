"""Generated hostile values, posted to every admin add and change form and sent in every
public and admin list's query parameters: never a 5xx, and a refused form saves nothing.

Hypothesis draws the values; the examples are derandomised (the same on every run and on
both databases), and `HYPOTHESIS_PROFILE=explore` draws many more, at random.
"""

import os

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agreements.filters import AgreementFilterSet
from committees.filters import DecisionFilterSet, LegalDocumentFilterSet
from events.filters import EventFilterSet
from tests.admin_forms import change_form_data
from tests.rows import row_counts

pytestmark = pytest.mark.django_db

settings.register_profile(
    "portal",
    max_examples=8,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile(
    "explore",
    max_examples=60,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "portal"))

APPS = ("committees", "events", "agreements", "auth", "axes", "otp_totp", "otp_static")

# Values that broke forms somewhere once: out-of-range numbers and dates, NULs, markup,
# huge strings, lookalike digits, JSON and list syntax.
NASTY = [
    "",
    " ",
    "abc",
    "-1",
    "0",
    "1.5",
    "1e309",
    "9" * 30,
    "-" + "9" * 25,
    "NaN",
    "31/12/9999",
    "01/01/0001",
    "00/00/0000",
    "29/02/2023",
    "99999-01-01",
    "2024-13-45",
    "25:61",
    "\x00",
    "a\x00b",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%s%s%n",
    "../../etc/passwd",
    "javascript:alert(1)",
    "http://",
    "x" * 100_000,
    "🙂" * 300,
    "Đảng ủy",
    "[]",
    "{}",
    "on",
    "None",
    "１２",
    "٣",
    "\u202e",
]
HOSTILE = st.one_of(
    st.sampled_from(NASTY),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)


def registered_admins():
    return sorted(
        (model for model in admin.site._registry if model._meta.app_label in APPS),
        key=lambda model: model._meta.label,
    )


ADMINS = registered_admins()


class _Superuser:
    is_active = is_staff = is_superuser = True

    def has_perm(self, *args, **kwargs) -> bool:
        return True


def _can(permission: str, model) -> bool:
    """Whether a superuser has `permission` ("add", "change") in the model's admin at all
    (axes' records, tasks and reviews are read-only or entered elsewhere)."""
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = _Superuser()
    return getattr(admin.site._registry[model], f"has_{permission}_permission")(request)


ADDABLE = [model for model in ADMINS if _can("add", model)]
CHANGEABLE = [model for model in ADMINS if _can("change", model)]


@pytest.fixture(scope="module")
def demo(demo_data, django_db_blocker):
    """The demo data, once for the module (tests/conftest.py): every admin has a record to change;
    with a user to change who is not the one posting (changing oneself could end the session),
    and a group."""
    with django_db_blocker.unblock():
        apps.get_model("auth", "User").objects.create_user("thu-ky", password="x" * 20, is_staff=True)
        apps.get_model("auth", "Group").objects.create(name="Tổ thư ký thử")


@pytest.fixture
def form_pages(admin_client):
    """Each admin form as first shown, fetched once per test rather than once per example."""
    pages = {}

    def page(url):
        if url not in pages:
            response = admin_client.get(url)
            assert response.status_code == 200, url
            pages[url] = (change_form_data(response), form_fields(response), with_one_new_row(response, {}))
        return pages[url]

    return page


def form_fields(page) -> list[str]:
    """The names a browser would post from this form: the main form's fields, each inline's
    management form and the fields of one new row of each inline."""
    names = list(page.context["adminform"].form.fields)
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        prefix = formset.prefix
        names += [f"{prefix}-TOTAL_FORMS", f"{prefix}-INITIAL_FORMS"]
        row = formset.initial_form_count()
        names += [f"{prefix}-{row}-{name}" for name in formset.empty_form.fields]
    return names


def with_one_new_row(page, data: dict) -> dict:
    """`data` with one more (empty) row posted for each inline, which hostile values may fill."""
    data = dict(data)
    for inline in page.context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        data[f"{prefix}-TOTAL_FORMS"] = str(inline.formset.initial_form_count() + 1)
    return data


def post_hostile(client, form_pages, url: str, changes: dict):
    shown, names, new_rows = form_pages(url)
    data = shown | new_rows
    data.update({names[index % len(names)]: value for index, value in changes.items()})
    before = row_counts(*APPS)

    response = client.post(url, data)

    assert response.status_code < 500, (url, changes)
    if response.status_code == 200:
        # Shown again with its errors: nothing of it was saved.
        assert row_counts(*APPS) == before, (url, changes)


CHANGES = st.dictionaries(st.integers(min_value=0, max_value=400), HOSTILE, min_size=1, max_size=5)


@pytest.mark.parametrize("model", ADDABLE, ids=[model._meta.label for model in ADDABLE])
@given(changes=CHANGES)
def test_hostile_values_posted_to_an_add_form_never_fail_nor_save_half(
    demo, admin_client, form_pages, model, changes
):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
    post_hostile(admin_client, form_pages, url, changes)


@pytest.mark.parametrize("model", CHANGEABLE, ids=[model._meta.label for model in CHANGEABLE])
@given(changes=CHANGES)
def test_hostile_values_posted_to_a_change_form_never_fail_nor_save_half(
    demo, admin_client, form_pages, model, changes
):
    records = model._default_manager.order_by("pk")
    if model._meta.label == "auth.User":
        records = records.exclude(username="admin")
    record = records.first()
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[record.pk])
    post_hostile(admin_client, form_pages, url, changes)


ADMIN_LIST_PARAMETERS = ["q", "o", "p", "e", "_popup", "_to_field", "all", "_facets"]


def changelist_parameters(client, model) -> list[str]:
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    changelist = client.get(url).context["cl"]
    names = list(ADMIN_LIST_PARAMETERS)
    for spec in changelist.filter_specs:
        names += list(spec.expected_parameters())
    if changelist.date_hierarchy:
        names += [f"{changelist.date_hierarchy}__{part}" for part in ("year", "month", "day")]
    # Django lets the address filter any field of the model itself, with any lookup.
    for field in model._meta.concrete_fields:
        names += [
            f"{field.name}{lookup}" for lookup in ("", "__in", "__gt", "__isnull", "__year", "__contains")
        ]
    return names


@pytest.mark.parametrize("model", ADMINS, ids=[model._meta.label for model in ADMINS])
@given(values=st.dictionaries(st.integers(min_value=0, max_value=400), HOSTILE, min_size=1, max_size=4))
def test_hostile_query_parameters_never_fail_an_admin_list(demo, admin_client, model, values):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    names = changelist_parameters(admin_client, model)
    params = {names[index % len(names)]: value for index, value in values.items()}

    response = admin_client.get(url, params)

    assert response.status_code < 500, params


PUBLIC_LISTS = {
    "/to-chuc/": ["q", "trang"],
    "/van-ban/": [*DecisionFilterSet.base_filters, *LegalDocumentFilterSet.base_filters, "trang"],
    "/su-kien/": [*EventFilterSet.base_filters, "trang"],
    "/phoi-hop/": [*AgreementFilterSet.base_filters, "trang"],
    "/su-kien/lich.ics": ["trang"],
    "/sitemap.xml": ["p", "section"],
    "/": ["q"],
}


@pytest.mark.parametrize("url", list(PUBLIC_LISTS))
@given(values=st.dictionaries(st.integers(min_value=0, max_value=20), HOSTILE, min_size=1, max_size=4))
def test_hostile_query_parameters_never_fail_a_public_page(demo, client, url, values):
    names = PUBLIC_LISTS[url]
    params = {names[index % len(names)]: value for index, value in values.items()}

    response = client.get(url, params)

    assert response.status_code in {200, 400, 404}, (url, params, response.status_code)


@given(
    year=st.integers(min_value=-(2**40), max_value=2**40),
    month=st.integers(min_value=-(2**40), max_value=2**40),
)
def test_any_calendar_month_in_the_address_is_a_page_or_a_404(demo, client, year, month):
    response = client.get(f"/su-kien/lich/{abs(year)}/{abs(month)}/")

    assert response.status_code in {200, 404}
