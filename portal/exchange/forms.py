"""The forms of the spreadsheet pages: the file to import, the format to export in."""

from pathlib import PurePath

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from import_export.forms import ImportForm

from portal.exchange.models import ExportFormat

# A spreadsheet this big is refused before it is read: it waits in the shared cache between the
# preview and the confirmation, and its rows are checked during the request.
MAX_IMPORT_BYTES = 5 * 1024 * 1024


class SpreadsheetImportForm(ImportForm):
    """The file to import; its format is told by its extension (.xlsx or .csv)."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self._formats = formats
        self._format_index = ""
        self.fields["import_file"].label = _("Spreadsheet file (.xlsx or .csv)")
        self.fields["import_file"].widget.attrs = {"accept": ".xlsx,.csv"}
        self.fields["format"].required = False
        self.fields["format"].widget = forms.HiddenInput()
        self.fields["import_file"].error_messages["required"] = _("Choose the spreadsheet file to import.")

    @property
    def media(self):
        return forms.Media()  # No guessing script: the extension tells the format.

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("The file is too big (%(size)s MB): a spreadsheet to import may hold at most %(max)s MB."),
                params={
                    "size": number_format(upload.size / 1024 / 1024, 1),
                    "max": MAX_IMPORT_BYTES // 1024 // 1024,
                },
            )
        extension = PurePath(upload.name or "").suffix.lower().lstrip(".")
        for index, file_format in enumerate(self._formats):
            if file_format().get_extension() == extension:
                self._format_index = str(index)
                return upload
        raise forms.ValidationError(_("Only .xlsx and .csv spreadsheets can be imported."))

    def clean(self):
        cleaned = super().clean()
        if "import_file" in cleaned:
            cleaned["format"] = self._format_index  # told by the extension (clean_import_file)
        return cleaned


class ExportForm(forms.Form):
    file_format = forms.ChoiceField(
        label=_("File format"),
        choices=ExportFormat.choices,
        initial=ExportFormat.XLSX,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose XLSX or CSV."), "invalid_choice": _("Choose XLSX or CSV.")},
    )
