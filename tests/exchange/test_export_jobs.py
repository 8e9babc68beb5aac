"""Big exports: past EXPORT_ASYNC_THRESHOLD rows the list is written by a worker (ExportJob),
followed on its page, downloaded by its owner only; old files swept away."""

import datetime as dt
import re
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from committees.models import Region
from portal.exchange.models import ExportJob
from portal.exchange.services import export_job_run, export_jobs_sweep
from tests.committees.factories import RegionFactory
from tests.exchange.admin_helpers import body, read_csv, read_xlsx, registered, staff

REGION_EXPORT = reverse("admin:committees_region_export")


def job_urls(job: ExportJob) -> dict[str, str]:
    return {
        "page": reverse("admin:exchange_exportjob_job", args=[job.pk]),
        "progress": reverse("admin:exchange_exportjob_progress", args=[job.pk]),
        "download": reverse("admin:exchange_exportjob_download", args=[job.pk]),
    }


@pytest.fixture(autouse=True)
def _generic_regions():
    """Regions exported with the generic resource of a list, whatever the committees app registers."""
    with registered(Region):
        yield


@pytest.fixture
def big_export(settings, tmp_path):
    """A threshold of 2 rows, and the export folder of the test."""
    settings.EXPORT_ASYNC_THRESHOLD = 2
    settings.EXPORTS_ROOT = tmp_path / "exports"
    return tmp_path / "exports"


@pytest.fixture
def regions(db):
    for order, name in enumerate(["Tây Bắc", "Tây Nguyên", "Tây Nam Bộ", "Đông Nam Bộ"]):
        RegionFactory(name=name, slug=f"vung-{order}", order=order)


@pytest.mark.django_db
def test_a_selection_past_the_threshold_is_exported_by_a_job_and_downloaded_from_its_page(
    admin_client, admin_user, big_export, regions, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(REGION_EXPORT + "?q=tay&o=2", {"file_format": "xlsx"})

    job = ExportJob.objects.get()
    urls = job_urls(job)
    assert response.status_code == 302
    assert response["Location"] == urls["page"]
    assert (job.user, job.model_label, job.params, job.file_format) == (
        admin_user,
        "committees.Region",
        {"q": ["tay"], "o": ["2"]},
        "xlsx",
    )
    assert (job.status, job.total, job.done, job.error) == ("done", 3, 3, "")
    assert job.file.path.startswith(str(big_export))

    page = admin_client.get(urls["page"])
    assert page.status_code == 200
    assert urls["progress"] in page.content.decode()
    assert urls["download"] in page.content.decode()
    assert admin_client.get(urls["progress"]).json() == {
        "status": "done",
        "total": 3,
        "done": 3,
        "percent": 100,
        "error": "",
        "download_url": urls["download"],
    }

    download = admin_client.get(urls["download"])
    assert download.status_code == 200
    assert set(download["Cache-Control"].split(", ")) >= {"private", "no-store"}
    today = timezone.localdate()
    assert download["Content-Disposition"] == f'attachment; filename="khu-vuc-{today:%Y-%m-%d}.xlsx"'
    # The three regions whose name has "tây", in the list's order (o=2: by the order column).
    assert read_xlsx(body(download)) == [
        ("Tên", "Đường dẫn (slug)", "Thứ tự"),
        ("Tây Bắc", "vung-0", 0),
        ("Tây Nguyên", "vung-1", 1),
        ("Tây Nam Bộ", "vung-2", 2),
    ]


@pytest.mark.django_db
def test_a_selection_up_to_the_threshold_is_exported_at_once(admin_client, big_export, regions):
    response = admin_client.post(REGION_EXPORT + "?q=nam", {"file_format": "csv"})

    assert response.status_code == 200
    assert [row[0] for row in read_csv(body(response))] == ["Tên", "Tây Nam Bộ", "Đông Nam Bộ"]
    assert ExportJob.objects.count() == 0


@pytest.mark.django_db
def test_nobody_else_sees_or_downloads_a_job_and_its_owner_not_once_the_permission_is_gone(
    client, django_user_model, big_export, regions, django_capture_on_commit_callbacks
):
    owner = staff(django_user_model, "view_region", "export_region", username="chu")
    other = staff(django_user_model, "view_region", "export_region", username="khac")
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(REGION_EXPORT, {"file_format": "csv"})
    job = ExportJob.objects.get()
    urls = job_urls(job)
    assert job.status == "done"
    assert client.get(urls["download"]).status_code == 200
    assert [row[0] for row in read_csv(body(client.get(urls["download"])))][1:] == [
        "Tây Bắc",
        "Tây Nguyên",
        "Tây Nam Bộ",
        "Đông Nam Bộ",
    ]

    client.force_login(other)
    assert [client.get(url).status_code for url in urls.values()] == [404, 404, 404]
    assert list(client.get(reverse("admin:exchange_exportjob_changelist")).context["cl"].result_list) == []

    owner.user_permissions.remove(*owner.user_permissions.filter(codename="export_region"))
    client.force_login(django_user_model.objects.get(pk=owner.pk))
    assert [client.get(url).status_code for url in urls.values()] == [404, 404, 404]


@pytest.mark.django_db
def test_a_job_whose_owner_lost_the_permission_fails_with_the_reason(
    django_user_model, big_export, regions, django_capture_on_commit_callbacks, client
):
    owner = staff(django_user_model, "view_region", "export_region", username="chu")
    job = ExportJob.objects.create(user=owner, model_label="committees.Region", params={}, file_format="xlsx")
    owner.user_permissions.clear()

    export_job_run(job_id=job.pk)

    job.refresh_from_db()
    assert (job.status, job.error, bool(job.file)) == (
        "failed",
        "Anh/chị không còn quyền xuất danh sách này.",
        False,
    )


@pytest.mark.django_db
def test_the_sweep_deletes_old_files_and_sends_again_jobs_that_never_started(
    admin_user, big_export, regions, monkeypatch
):
    old = ExportJob.objects.create(
        user=admin_user, model_label="committees.Region", params={}, file_format="csv"
    )
    export_job_run(job_id=old.pk)
    old.refresh_from_db()
    path = old.file.path
    stuck = ExportJob.objects.create(
        user=admin_user, model_label="committees.Region", params={}, file_format="csv"
    )
    now = timezone.now()
    ExportJob.objects.filter(pk=old.pk).update(created_at=now - dt.timedelta(days=8))
    ExportJob.objects.filter(pk=stuck.pk).update(created_at=now - dt.timedelta(minutes=30))
    sent = []
    monkeypatch.setattr(
        "portal.exchange.services.enqueue", lambda task, *args: sent.append((task.name, args))
    )

    assert export_jobs_sweep() == {"deleted": 1, "requeued": 1}

    assert list(ExportJob.objects.values_list("pk", flat=True)) == [stuck.pk]
    assert not (big_export / path).exists()
    assert sent == [("exchange.run_export", (stuck.pk,))]


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_an_export_job_runs_through_a_real_worker_on_redis(redis_worker, big_export, regions, admin_client):
    response = admin_client.post(REGION_EXPORT, {"file_format": "xlsx"})

    job = ExportJob.objects.get()
    assert response["Location"] == job_urls(job)["page"]
    deadline = time.monotonic() + 30
    while job.status not in ("done", "failed") and time.monotonic() < deadline:
        time.sleep(0.2)
        job.refresh_from_db()
    assert (job.status, job.total, job.done) == ("done", 4, 4)
    download = admin_client.get(job_urls(job)["download"])
    assert [row[0] for row in read_xlsx(body(download))] == [
        "Tên",
        "Tây Bắc",
        "Tây Nguyên",
        "Tây Nam Bộ",
        "Đông Nam Bộ",
    ]


@pytest.mark.django_db
def test_a_job_saves_its_progress_every_1000_rows(admin_user, big_export):
    Region.objects.bulk_create(Region(name=f"Vùng {n:04d}", slug=f"vung-{n}") for n in range(2100))
    job = ExportJob.objects.create(
        user=admin_user, model_label="committees.Region", params={}, file_format="xlsx"
    )

    with CaptureQueriesContext(connection) as queries:
        export_job_run(job_id=job.pk)

    saved = [
        int(match[1])
        for query in queries.captured_queries
        if (match := re.search(r'UPDATE "exchange_exportjob" SET "done" = (\d+) WHERE', query["sql"]))
    ]
    assert saved == [1000, 2000]
    job.refresh_from_db()
    assert (job.status, job.total, job.done) == ("done", 2100, 2100)
    assert len(read_xlsx(job.file.read())) == 2101
