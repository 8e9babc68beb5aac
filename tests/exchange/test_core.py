"""The spreadsheet base every resource is built on: formats, widgets, natural keys, all or nothing."""

import datetime as dt
import io

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.safestring import mark_safe
from import_export.fields import Field
from openpyxl import Workbook, load_workbook

from committees.models import Decision, DecisionKind, LegalDocument, Organization, Region
from portal.exchange.formats import CSV, XLSX, SpreadsheetError, read_csv, read_xlsx, write_csv, write_xlsx
from portal.exchange.resources import SpreadsheetResource
from portal.exchange.widgets import (
    BooleanWidget,
    ChoiceWidget,
    DateWidget,
    Formula,
    LookupWidget,
    ManyLookupWidget,
    TextWidget,
    escape_formula,
    unescape_formula,
)
from portal.lib.text import clean_plain_text, slugify_vi


class RegionResource(SpreadsheetResource):
    """A resource as an app writes one: Vietnamese columns, a natural key, a write of its own."""

    name = Field(attribute="name", column_name="Tên vùng", widget=TextWidget(max_length=120))
    order = Field(attribute="order", column_name="Thứ tự")

    natural_key = ("name",)
    writes: list[tuple[str, bool]]

    class Meta:
        model = Region
        fields = ("name", "order")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.writes = []

    def write(self, instance, *, new, row, by):
        if new:
            instance.slug = slugify_vi(instance.name)
        instance.full_clean()
        instance.save()
        self.writes.append((instance.name, new))


def workbook(*rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(list(row))
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def test_escape_formula_prefixes_every_dangerous_start_and_round_trips():
    for text in ["=1+1", "+84 912", "-5", "@SUM(A1)", "\tx", "\rx"]:
        assert escape_formula(text) == "'" + text
        assert unescape_formula(escape_formula(text)) == text
    assert escape_formula("Học viện") == "Học viện"
    assert unescape_formula("'bình thường") == "'bình thường"


def test_date_widget_reads_cells_and_day_month_year_and_refuses_the_rest():
    widget = DateWidget()
    assert widget.clean(dt.datetime(2021, 8, 25, 0, 0))  # noqa: DTZ001 - a workbook cell is naive == dt.date(2021, 8, 25)
    assert widget.clean("25/08/2021") == dt.date(2021, 8, 25)
    assert widget.clean("5.8.2021") == dt.date(2021, 8, 5)
    assert widget.clean("2021-08-25") == dt.date(2021, 8, 25)
    assert widget.clean("  ") is None
    with pytest.raises(ValueError, match="13/25/2021"):
        widget.clean("13/25/2021")
    with pytest.raises(ValueError, match="31/02/2021"):
        widget.clean("31/02/2021")
    with pytest.raises(ValueError, match="1800"):
        widget.clean("01/01/1800")
    with pytest.raises(ValueError, match="công thức|formula"):
        widget.clean(Formula("=TODAY()"))


def test_text_widget_cleans_and_refuses_nul():
    widget = TextWidget(max_length=10)
    assert widget.clean("  Hà   Nội \n") == "Hà Nội"
    assert widget.clean("'=x") == "=x"
    assert widget.clean(2021.0) == "2021"
    with pytest.raises(ValueError):
        widget.clean("a\x00b")
    with pytest.raises(ValueError, match="10"):
        widget.clean("x" * 11)
    assert widget.render("=HYPERLINK(1)") == "'=HYPERLINK(1)"


@pytest.mark.parametrize("one_line", [True, False], ids=["one-line", "multiline"])
def test_text_widget_cleans_as_clean_plain_text_does(one_line):
    widget = TextWidget(one_line=one_line)
    texts = [
        "  Hà Nội  ",
        "a\tb",
        "a\nb",
        "a\r\nb",
        "a\rb",
        "a\u2028b",
        "x\x85y",
        "\x1bz",
        "Ho\u0323c vie\u0302\u0323n",
    ]
    for text in [*texts, "Học viện\n\n- một\t hai", "\x7fđ\x9f"]:
        expected = clean_plain_text(text, multiline=not one_line)
        assert widget.clean(text) == (" ".join(expected.split()) if one_line else expected), repr(text)
    assert widget.clean("Ho\u0323c") == "Học"


def test_choice_and_boolean_widgets_read_labels_without_marks():
    widget = ChoiceWidget([("province", "tỉnh"), ("city", "thành phố trực thuộc trung ương")])
    assert widget.clean("Tinh") == "province"
    assert widget.clean("city") == "city"
    assert widget.render("city") == "thành phố trực thuộc trung ương"
    with pytest.raises(ValueError, match="huyện"):
        widget.clean("huyện")
    assert BooleanWidget().clean("Có") is True
    assert BooleanWidget().clean("không") is False
    with pytest.raises(ValueError):
        BooleanWidget().clean("có lẽ")


@pytest.mark.django_db
def test_lookup_widget_reads_the_names_once_and_suggests_the_closest(django_assert_num_queries):
    Region.objects.create(name="Tây Nam Bộ", slug="tay-nam-bo")
    Region.objects.create(name="Bắc Trung Bộ", slug="bac-trung-bo")
    widget = LookupWidget(Region, keys=("name",))
    with django_assert_num_queries(1):
        assert widget.clean("tay nam bo").slug == "tay-nam-bo"
        assert widget.clean("BẮC TRUNG BỘ").slug == "bac-trung-bo"
        with pytest.raises(ValueError, match="Tây Nam Bộ"):
            widget.clean("Tây Nam")


def test_read_xlsx_keeps_formulas_and_drops_trailing_blank_rows():
    dataset = read_xlsx(workbook(["Tên vùng", "Thứ tự"], ["Tây Nam Bộ", "=1+1"], [None, None]))
    assert dataset.headers == ["Tên vùng", "Thứ tự"]
    assert len(dataset) == 1
    assert isinstance(dataset[0][1], Formula)


@pytest.mark.parametrize(
    "content",
    [b"", b"%PDF-1.4 not a sheet \x00\x01", b"PK\x03\x04broken zip"],
    ids=["empty", "binary", "broken-workbook"],
)
def test_unreadable_files_are_a_clear_error(content):
    with pytest.raises(SpreadsheetError):
        XLSX().create_dataset(content)
    with pytest.raises(SpreadsheetError):
        CSV().create_dataset(content)


def test_headers_only_is_a_clear_error():
    with pytest.raises(SpreadsheetError):
        read_csv("Tên vùng,Thứ tự\n".encode())


def test_writers_escape_formulas_and_write_date_cells():
    stream = io.BytesIO()
    count = write_xlsx(stream, ["A", "B"], [["=1+1", dt.date(2021, 8, 25)], ["@x", None]], title="Vùng")
    assert count == 2
    sheet = load_workbook(io.BytesIO(stream.getvalue())).active
    assert sheet["A2"].value == "'=1+1"
    assert sheet["A2"].data_type == "s"
    assert sheet["B2"].value == dt.datetime(2021, 8, 25)  # noqa: DTZ001 - a workbook cell is naive
    assert sheet["B2"].number_format == "DD/MM/YYYY"
    assert sheet["A3"].value == "'@x"
    text = io.StringIO()
    write_csv(text, ["A", "B"], [["+1", dt.date(2021, 8, 25)]])
    assert text.getvalue() == "\ufeffA,B\r\n'+1,25/08/2021\r\n"


def test_xlsx_writer_escapes_and_cleans_text_and_keeps_other_cells_native():
    stream = io.BytesIO()
    rows = [
        ["\x01=x", "a\x02b", "-5", "\tx", "bình thường", mark_safe("=y"), True, 3.5, 7, None, dt.time(8, 30)]
    ]
    write_xlsx(stream, [f"c{index}" for index in range(11)], rows)
    sheet = load_workbook(io.BytesIO(stream.getvalue())).active
    cells = [cell.value for cell in sheet[2]]
    assert cells == ["'=x", "ab", "'-5", "'\tx", "bình thường", "'=y", True, 3.5, 7, None, dt.time(8, 30)]
    assert [cell.data_type for cell in sheet[2][:6]] == ["s"] * 6
    assert sheet["K2"].number_format == "HH:MM"


@pytest.mark.django_db
class TestResource:
    def import_(self, content: bytes, *, dry_run=False):
        resource = RegionResource()
        return resource, resource.import_data(read_xlsx(content), dry_run=dry_run)

    def test_new_updated_unchanged_and_rerun_changes_nothing(self):
        Region.objects.create(name="Tây Nam Bộ", slug="tay-nam-bo", order=1)
        Region.objects.create(name="Bắc Trung Bộ", slug="bac-trung-bo", order=2)
        content = workbook(["Tên vùng", "Thứ tự"], ["Tây Nam Bộ", 1], ["bắc trung bộ", 5], ["Tây Bắc", 3])
        resource, result = self.import_(content)
        assert not result.has_validation_errors()
        assert result.totals == {"new": 1, "update": 1, "delete": 0, "skip": 1, "error": 0, "invalid": 0}
        # The row is found by its name without marks or case, and written as the file types it.
        assert resource.writes == [("bắc trung bộ", False), ("Tây Bắc", True)]
        assert list(Region.objects.values_list("name", "order")) == [
            ("Tây Nam Bộ", 1),
            ("Tây Bắc", 3),
            ("bắc trung bộ", 5),
        ]
        resource, again = self.import_(content)
        assert again.totals["skip"] == 3
        assert resource.writes == []

    def test_one_invalid_row_imports_nothing_and_names_its_row(self):
        content = workbook(["Tên vùng", "Thứ tự"], ["Tây Bắc", 1], ["Đông Bắc", "=2*3"], ["Tây Bắc", 4])
        _resource, result = self.import_(content)
        assert Region.objects.count() == 0
        invalid = {row.number + 1: row.error_dict for row in result.invalid_rows}
        assert set(invalid) == {3, 4}
        assert "Thứ tự" in invalid[3]
        assert "2" in invalid[4]["__all__"][0]

    def test_renamed_and_missing_columns_are_refused_before_any_row(self):
        content = workbook(["Ten vung", "Thu tu hien thi"], ["Tây Bắc", 1])
        _resource, result = self.import_(content)
        assert not result.has_errors() or Region.objects.count() == 0
        message = str(result.base_errors[0].error)
        assert "Thu tu hien thi" in message
        assert "Thứ tự" in message
        assert Region.objects.count() == 0

    def test_export_escapes_every_string_cell(self):
        Region.objects.create(name="=cmd|' /C calc'!A0", slug="x", order=1)
        resource = RegionResource()
        assert resource.export_headers() == ["Tên vùng", "Thứ tự"]
        assert list(resource.export_rows(Region.objects.all())) == [["'=cmd|' /C calc'!A0", 1]]
        assert resource.export(Region.objects.all())[0][0] == "'=cmd|' /C calc'!A0"


def test_validation_errors_are_keyed_by_column():
    resource = RegionResource()
    with pytest.raises(ValidationError) as caught:
        resource.validate_instance(Region(name="", slug="x"))
    assert "Tên vùng" in caught.value.message_dict


class DecisionResource(SpreadsheetResource):
    """A resource with a many-valued column, its records prefetched for export."""

    title = Field(attribute="title", column_name="Tiêu đề", widget=TextWidget())
    kind = Field(attribute="kind", column_name="Loại", widget=ChoiceWidget(DecisionKind.choices))
    legal_documents = Field(
        attribute="legal_documents",
        column_name="Văn bản",
        widget=ManyLookupWidget(LegalDocument, keys=("number",), label=lambda document: document.number),
    )
    issued_on = Field(attribute="issued_on", column_name="Ngày ban hành", widget=DateWidget())

    class Meta:
        model = Decision
        fields = ("title", "kind", "legal_documents", "issued_on")

    def export_queryset(self, queryset):
        return queryset.prefetch_related("legal_documents")


@pytest.mark.django_db
def test_export_rows_read_many_valued_columns_from_the_prefetched_records(django_assert_num_queries):
    academy = Organization.objects.create(name="Học viện", slug="hoc-vien", kind="national_academy")
    resolution = LegalDocument.objects.create(
        number="35-NQ/TW", doc_type="resolution", issuer="BCT", title="A", slug="a"
    )
    formula = LegalDocument.objects.create(
        number="=1+1", doc_type="resolution", issuer="BCT", title="B", slug="b"
    )
    for index, documents in enumerate([[resolution, formula], [], [formula]]):
        decision = Decision.objects.create(
            number=f"{index}-QĐ",
            issuer_organization=academy,
            kind=DecisionKind.APPOINT,
            title=f"+Quyết định {index}",
            slug=f"qd-{index}",
            issued_on=dt.date(2021, 8, 25) if index else None,
        )
        decision.legal_documents.set(documents)
    resource = DecisionResource()
    label = str(DecisionKind.APPOINT.label)
    expected = [
        ["'+Quyết định 0", label, "35-NQ/TW; =1+1", None],
        ["'+Quyết định 1", label, "", dt.date(2021, 8, 25)],
        ["'+Quyết định 2", label, "'=1+1", dt.date(2021, 8, 25)],
    ]
    # The decisions, then their documents: one query for all three, none a row.
    with django_assert_num_queries(2):
        assert list(resource.export_rows(Decision.objects.order_by("pk"))) == expected
    # The library's export and a cell of a record read without prefetching give the same.
    assert [list(row) for row in resource.export(Decision.objects.order_by("pk"))] == expected
    first = Decision.objects.order_by("pk").first()
    assert resource.export_field(resource.fields["legal_documents"], first) == "35-NQ/TW; =1+1"


def test_choice_widget_renders_the_labels_of_the_active_language():
    widget = ChoiceWidget(DecisionKind.choices)
    with translation.override("en"):
        assert widget.render("appoint") == "appointing"
    with translation.override("vi"):
        assert widget.render("appoint") == str(DecisionKind.APPOINT.label)
        assert widget.render("appoint") != "appointing"
        assert widget.render("") == ""
        assert widget.render("=unknown") == "'=unknown"


def test_aware_times_are_written_as_the_clock_in_ha_noi_shows_them():
    at = dt.datetime(2021, 8, 25, 1, 30, tzinfo=dt.UTC)
    stream = io.BytesIO()
    write_xlsx(stream, ["Lúc"], [[at]])
    cell = load_workbook(io.BytesIO(stream.getvalue())).active["A2"]
    assert cell.value == dt.datetime(2021, 8, 25, 8, 30)  # noqa: DTZ001 - a workbook cell is naive
    assert cell.number_format == "DD/MM/YYYY HH:MM"
    text = io.StringIO()
    write_csv(text, ["Lúc"], [[at]])
    assert text.getvalue() == "\ufeffLúc\r\n25/08/2021 08:30\r\n"


@pytest.mark.django_db
def test_rows_need_the_add_or_change_permission_of_the_importing_user(django_user_model):
    Region.objects.create(name="Tây Nam Bộ", slug="tay-nam-bo", order=1)
    secretary = django_user_model.objects.create_user("thuky", is_staff=True)
    secretary.user_permissions.set(Permission.objects.filter(codename__in=["view_region", "add_region"]))
    content = workbook(["Tên vùng", "Thứ tự"], ["Tây Nam Bộ", 2], ["Tây Bắc", 3])

    result = RegionResource().import_data(read_xlsx(content), user=secretary)

    assert {row.number + 1: row.error_dict for row in result.invalid_rows} == {
        2: {"__all__": ["Anh/chị không được sửa khu vực: dòng này sẽ sửa một bản ghi."]}
    }
    assert list(Region.objects.values_list("name", "order")) == [("Tây Nam Bộ", 1)]
    only_new = workbook(["Tên vùng", "Thứ tự"], ["Tây Nam Bộ", 1], ["Tây Bắc", 3])
    result = RegionResource().import_data(read_xlsx(only_new), user=secretary)
    assert result.totals["new"] == 1
    assert result.totals["skip"] == 1
