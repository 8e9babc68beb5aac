"""Staff pages of a summary: its workbook and its printable page, both drawn from its snapshot.

Both are served inside the admin site's guard (reports/urls.py): a visitor who is not signed
in as staff is sent to the admin's sign-in, a session owing its two-step code to that step;
staff without the permission to view summaries are refused (403).
"""

import tempfile

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control

from portal.lib.text import slugify_vi
from portal.scoping import scope_for_staff
from reports.models import Summary
from reports.outputs.page import summary_page
from reports.outputs.workbook import summary_workbook as write_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def summary_workbook(request: HttpRequest, pk: int) -> FileResponse:
    """The summary's XLSX workbook as a download, written to a temporary file first (never held in memory)."""
    summary = _summary(request, pk)
    file = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it once sent
    try:
        write_workbook(summary, file, base_url=f"{request.scheme}://{request.get_host()}")
        file.seek(0)
    except BaseException:
        file.close()
        raise
    response = FileResponse(file, as_attachment=True, filename=workbook_filename(summary), content_type=XLSX)
    patch_cache_control(response, private=True, no_store=True)
    return response


def summary_print(request: HttpRequest, pk: int) -> HttpResponse:
    """The summary as one printable page (A4), with its charts drawn as SVG."""
    response = render(request, "reports/summary_print.html", summary_page(_summary(request, pk)))
    patch_cache_control(response, private=True, no_store=True)
    return response


def workbook_filename(summary: Summary) -> str:
    """ "tong-hop-6-thang-dau-nam-2021-hoc-vien-chinh-tri-khu-vuc-ii.xlsx": the title in ASCII, đ as d."""
    return f"{slugify_vi(summary.title, max_length=150) or f'tong-hop-{summary.pk}'}.xlsx"


def _summary(request: HttpRequest, pk: int) -> Summary:
    if not request.user.has_perm("reports.view_summary"):
        raise PermissionDenied
    return get_object_or_404(scope_for_staff(Summary.objects.all(), request.user), pk=pk)
