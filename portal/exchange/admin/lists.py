"""The spreadsheet buttons of every admin list: export of its filtered rows, import where registered.

`SpreadsheetAdminMixin` (in portal.scoping.ScopedModelAdmin, so on every staff list):

- "Xuất bảng tính": the rows of the list as filtered and searched (through the admin's own
  changelist, so the scope applies), to XLSX or CSV, for staff holding `<app>.export_<model>`.
  A model registered in portal.exchange.registry is written by its resource; any other by a
  resource made from its fields (`generic_resource`). A selection of more than
  EXPORT_ASYNC_THRESHOLD rows is written by a worker (ExportJob), followed on the job's page.
- "Nhập bảng tính" (registered importable resources, `<app>.import_<model>`): the file is read
  in a dry run and every row previewed (new, updated, unchanged, invalid with its spreadsheet
  row number and reason); a file with an invalid row cannot be confirmed. The file waits in the
  shared cache between preview and confirmation (IMPORT_EXPORT_TMP_STORAGE_CLASS).
- "Tải mẫu nhập": an XLSX with the import's header row and the resource's example rows.
"""

import tempfile

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponseRedirect
from django.template.loader import select_template
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.results import RowResult

from portal.exchange import formats, registry, services, views
from portal.exchange.admin.generic import generic_resource
from portal.exchange.admin.preview import import_preview
from portal.exchange.forms import ExportForm, SpreadsheetImportForm
from portal.exchange.models import ExportFormat
from portal.exchange.resources import SpreadsheetResource

CONTENT_TYPES = {
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ExportFormat.CSV: "text/csv; charset=utf-8",
}


class SpreadsheetAdminMixin(ImportExportMixin):
    """Export of the filtered list for every admin; import for registered importable resources."""

    import_export_change_list_template = "admin/exchange/spreadsheet_change_list.html"
    import_template_name = "admin/import_export/import.html"
    import_form_class = SpreadsheetImportForm
    # The services the resources write through record each change in the admin history.
    skip_admin_log = True
    import_error_display = ("message",)

    @property
    def formats(self):
        return [formats.XLSX, formats.CSV]

    # Django's own choice of list template (admin/<app>/<model>/change_list.html first) is what
    # the spreadsheet buttons extend: the library would extend admin/change_list.html alone.
    @property
    def ie_base_change_list_template(self):
        explicit = self.__dict__.get("_ie_base_change_list_template")
        if explicit and explicit != "admin/change_list.html":
            return explicit
        opts = self.opts
        return select_template(
            [
                f"admin/{opts.app_label}/{opts.model_name}/change_list.html",
                f"admin/{opts.app_label}/change_list.html",
                "admin/change_list.html",
            ]
        )

    @ie_base_change_list_template.setter
    def ie_base_change_list_template(self, value):
        self.__dict__["_ie_base_change_list_template"] = value

    # --- Resources ---

    def spreadsheet_resource(self) -> type[SpreadsheetResource]:
        """The registered resource of the model, or one made from its fields."""
        entry = registry.entry_for(self.model)
        return entry.resource if entry is not None else generic_resource(self.model)

    def export_resource(self, user) -> SpreadsheetResource:
        return self.spreadsheet_resource()()

    def get_resource_classes(self, request):
        return [self.spreadsheet_resource()]

    def get_import_resource_classes(self, request):
        return [self.spreadsheet_resource()] if registry.is_importable(self.model) else []

    # --- Permissions ---

    def has_export_permission(self, request):
        # The export permission, and the list itself: an export shows what the list shows.
        return super().has_export_permission(request) and self.has_view_or_change_permission(request)

    def has_import_permission(self, request):
        # The import permission, and adding or changing the records a file may add or change
        # (each row is checked again against the one it needs: portal/exchange/resources.py).
        return (
            registry.is_importable(self.model)
            and super().has_import_permission(request)
            and (self.has_add_permission(request) or self.has_change_permission(request))
        )

    def changelist_view(self, request, extra_context=None):
        opts = self.opts
        extra_context = {
            **(extra_context or {}),
            "import_template_url": reverse(
                f"admin:{opts.app_label}_{opts.model_name}_import_template", current_app=self.admin_site.name
            ),
        }
        return super().changelist_view(request, extra_context)

    # --- URLs ---

    def get_urls(self):
        info = self.get_model_info()
        return [
            path(
                "import/mau-nhap.xlsx",
                self.admin_site.admin_view(self.import_template_view),
                name="{}_{}_import_template".format(*info),
            ),
            *super().get_urls(),
        ]

    def _changelist_url(self) -> str:
        opts = self.opts
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_changelist", current_app=self.admin_site.name
        )

    def _context(self, request, title, **context) -> dict:
        request.current_app = self.admin_site.name
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.opts,
            "app_label": self.opts.app_label,
            "changelist_url": self._changelist_url(),
            **context,
        }

    # --- Export ---

    def export_action(self, request):
        """ "Xuất bảng tính": the format, then the file (or, past the threshold, the job's page)."""
        if not self.has_export_permission(request):
            raise PermissionDenied
        try:
            queryset = self.get_export_queryset(request)
        except IncorrectLookupParameters:
            messages.warning(request, gettext("A filter in the address was not valid and has been removed."))
            return HttpResponseRedirect(self._changelist_url())
        form = ExportForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            file_format = form.cleaned_data["file_format"]
            total = queryset.count()
            if total > settings.EXPORT_ASYNC_THRESHOLD:
                job = services.export_job_start(
                    model_admin=self,
                    params=services.list_params(request),
                    file_format=file_format,
                    total=total,
                    by=request.user,
                )
                return HttpResponseRedirect(views.job_url(job))
            return self._export_response(request, queryset, file_format)
        query = request.GET.urlencode()
        context = self._context(
            request,
            _("Export %(name)s to a spreadsheet") % {"name": self.opts.verbose_name_plural},
            form=form,
            total=queryset.count(),
            threshold=settings.EXPORT_ASYNC_THRESHOLD,
            filtered=bool(query),
            back_url=self._changelist_url() + (f"?{query}" if query else ""),
        )
        return TemplateResponse(request, "admin/import_export/export.html", context)

    def _export_response(self, request, queryset, file_format: str) -> FileResponse:
        """The file, written to a temporary file first (never held whole in memory)."""
        stream = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it once sent
        try:
            services.export_write(
                resource=self.export_resource(request.user),
                queryset=queryset,
                file_format=file_format,
                stream=stream,
                title=str(self.opts.verbose_name_plural),
            )
            stream.seek(0)
        except BaseException:
            stream.close()
            raise
        response = FileResponse(
            stream,
            as_attachment=True,
            filename=services.export_filename(self.model, file_format),
            content_type=CONTENT_TYPES[file_format],
        )
        patch_cache_control(response, private=True, no_store=True)
        return response

    # --- Import ---

    def import_template_view(self, request):
        """ "Tải mẫu nhập": the import's header row and the resource's example rows, as XLSX."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        resource = self.spreadsheet_resource()()
        stream = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it once sent
        try:
            formats.write_xlsx(
                stream,
                resource.export_headers(),
                iter(resource.template_rows()),
                title=str(self.opts.verbose_name_plural),
            )
            stream.seek(0)
        except BaseException:
            stream.close()
            raise
        name = services.export_filename(self.model, ExportFormat.XLSX).rsplit("-", 3)[0]
        response = FileResponse(
            stream, as_attachment=True, filename=f"mau-nhap-{name}.xlsx", content_type=CONTENT_TYPES["xlsx"]
        )
        patch_cache_control(response, private=True, no_store=True)
        return response

    def get_import_context_data(self, **kwargs):
        return {"import_template_url": self._import_template_url()}

    def _import_template_url(self) -> str:
        opts = self.opts
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_import_template", current_app=self.admin_site.name
        )

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        if isinstance(response, TemplateResponse):
            title = _("Import %(name)s from a spreadsheet") % {"name": self.opts.verbose_name_plural}
            result = response.context_data.get("result")
            response.context_data |= {
                "title": title,
                "changelist_url": self._changelist_url(),
                "preview": import_preview(result, self.spreadsheet_resource())
                if result is not None
                else None,
            }
        return response

    def process_import(self, request, **kwargs):
        """ "Xác nhận nhập": the previewed file, read back from the shared cache, imported."""
        if request.method == "POST" and self.has_import_permission(request):
            form = self.create_confirm_form(request)
            if not form.is_valid() or self._previewed_file(form) is None:
                # Expired from the cache (a day), confirmed twice, or a form tampered with.
                messages.error(
                    request, gettext("The previewed file is no longer available: upload it again.")
                )
                opts = self.opts
                return HttpResponseRedirect(
                    reverse(
                        f"admin:{opts.app_label}_{opts.model_name}_import", current_app=self.admin_site.name
                    )
                )
        return super().process_import(request, **kwargs)

    def _previewed_file(self, form):
        try:
            input_format = self.get_import_formats()[int(form.cleaned_data["format"])]()
        except (ValueError, IndexError):
            return None
        storage = self.get_tmp_storage_class()(
            name=form.cleaned_data["import_file_name"],
            encoding=None if input_format.is_binary() else self.from_encoding,
            read_mode=input_format.get_read_mode(),
            **self.get_tmp_storage_class_kwargs(),
        )
        return storage.read()

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, formats.SpreadsheetError):
            form.add_error("import_file", str(e))
        else:
            form.add_error(
                "import_file",
                gettext(
                    "This file could not be read as a spreadsheet: save it as .xlsx or .csv and try again."
                ),
            )

    def add_success_message(self, result, request):
        totals = result.totals
        messages.success(
            request,
            gettext("Import done: %(new)s added, %(updated)s updated, %(skipped)s unchanged.")
            % {
                "new": totals[RowResult.IMPORT_TYPE_NEW],
                "updated": totals[RowResult.IMPORT_TYPE_UPDATE],
                "skipped": totals[RowResult.IMPORT_TYPE_SKIP],
            },
        )
