"""Every admin list exports, on the demo data: the file holds the list's rows, one per record,
with a header of Vietnamese column names, read with a number of queries that does not grow
with the rows."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.exchange.admin import SpreadsheetAdminMixin
from portal.sources.models import Citation
from tests.exchange.admin_helpers import body, read_xlsx

LISTS = sorted(
    (
        model
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, SpreadsheetAdminMixin)
    ),
    key=lambda model: model._meta.label,
)


@pytest.mark.parametrize("model", LISTS, ids=lambda model: model._meta.label)
def test_every_list_exports_its_rows_to_a_workbook(demo_data, db, admin_client, model):
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_export")
    listed = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")).context["cl"]

    with CaptureQueriesContext(connection) as queries:
        response = admin_client.post(url, {"file_format": "xlsx"})

    assert response.status_code == 200
    rows = read_xlsx(body(response))
    assert len(rows) - 1 == listed.full_result_count
    assert all(isinstance(header, str) and header for header in rows[0])
    # The session, the user, the list's count, its rows in chunks, a few lookups: never one per
    # row. Citations name their subjects: one query per kind of record cited.
    kinds = model.objects.values("subject_type").distinct().count() if model is Citation else 0
    assert len(queries) <= 12 + kinds, [query["sql"] for query in queries.captured_queries]
