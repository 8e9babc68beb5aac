"""The registry's spreadsheets: what an export writes, an import reads back; bad files import nothing."""

import datetime as dt
import io
from pathlib import Path

import pytest
import tablib
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook, load_workbook

from committees.models import (
    Decision,
    DecisionKind,
    LegalDocument,
    LegalDocumentType,
    Organization,
    OrganizationKind,
    Person,
    Position,
    Role,
    TeamKind,
)
from committees.resources import (
    DecisionResource,
    LegalDocumentResource,
    OrganizationResource,
    PersonResource,
    PositionResource,
)
from committees.services import (
    decision_save,
    legal_document_save,
    organization_save,
    person_create,
    position_save,
)
from portal.exchange import registry
from portal.exchange.formats import XLSX, SpreadsheetError, read_csv, read_xlsx, write_csv, write_xlsx
from tests.committees.factories import RegionFactory, SteeringCommitteeFactory, TeamFactory
from tests.staff import sees_everything

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture
def staff(django_user_model):
    """A secretary who may add and change the registry's records (an import needs both)."""
    user = django_user_model.objects.create_user(username="thu-ky", password="x", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="committees", codename__regex=r"^(add|change|import)_"
        )
    )
    # The files' rules, not the scope (tests/committees/test_scoping.py): every organisation's.
    return sees_everything(user)


def workbook(*rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(list(row))
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def exported(resource_class, queryset) -> bytes:
    """The workbook the admin's export writes for `queryset`."""
    resource = resource_class()
    stream = io.BytesIO()
    write_xlsx(stream, resource.export_headers(), resource.export_rows(queryset), title="Xuất")
    return stream.getvalue()


def import_(resource_class, content: bytes, *, user=None, dry_run=False):
    return resource_class().import_data(read_xlsx(content), user=user, dry_run=dry_run)


def errors_of(result) -> dict[int, dict[str, list[str]]]:
    """The invalid rows' errors by spreadsheet row number, then column header."""
    return {
        row.number + 1: {
            column: [str(message) for message in messages] for column, messages in row.error_dict.items()
        }
        for row in result.invalid_rows
    }


def people() -> list[tuple]:
    return list(
        Person.objects.order_by("slug").values_list(
            "full_name", "honorific", "academic_title", "degree", "slug", "bio"
        )
    )


def organization_save_new(**fields) -> Organization:
    return organization_save(organization=Organization(**fields), by=None)


# --- people ---------------------------------------------------------------------------------------


def test_every_resource_is_registered_for_import():
    assert {
        model.__name__: (entry.resource.__name__, entry.importable)
        for model, entry in registry.registered().items()
        if model._meta.app_label == "committees"
    } == {
        "Organization": ("OrganizationResource", True),
        "Person": ("PersonResource", True),
        "Position": ("PositionResource", True),
        "Decision": ("DecisionResource", True),
        "LegalDocument": ("LegalDocumentResource", True),
    }


def test_people_round_trip_keeps_namesakes_apart_by_their_code():
    person_create(by=None, written_name="NGƯT, PGS, TS Huỳnh Thanh Quang", bio="Dòng một.\nDòng hai.")
    person_create(by=None, written_name="TS Nguyễn Văn Hùng")
    person_create(by=None, written_name="ThS Nguyễn Văn Hùng")
    before = people()
    content = exported(PersonResource, Person.objects.all())
    sheet = load_workbook(io.BytesIO(content)).active
    assert [cell.value for cell in sheet[1]] == ["Họ và tên", "Học hàm, học vị", "Mã", "Tiểu sử tóm tắt"]
    assert [cell.value for cell in sheet[2]] == [
        "Huỳnh Thanh Quang",
        "NGƯT, PGS, TS",
        "huynh-thanh-quang",
        "Dòng một.\nDòng hai.",
    ]
    Person.objects.all().delete()

    result = import_(PersonResource, content)

    assert result.totals["new"] == 3
    assert (
        people()
        == before
        == [
            ("Huỳnh Thanh Quang", "NGƯT", "PGS", "TS", "huynh-thanh-quang", "Dòng một.\nDòng hai."),
            ("Nguyễn Văn Hùng", "", "", "TS", "nguyen-van-hung", ""),
            ("Nguyễn Văn Hùng", "", "", "ThS", "nguyen-van-hung-2", ""),
        ]
    )


def test_people_example_file_creates_people_with_history_and_a_second_run_changes_nothing(staff):
    content = (DATA / "people_example.xlsx").read_bytes()

    result = import_(PersonResource, content, user=staff)

    assert result.totals["new"] == 3
    assert people() == [
        ("Huỳnh Thanh Quang", "NGƯT", "", "TS", "huynh-thanh-quang", ""),
        ("Lê Văn Lợi", "", "PGS", "TS", "le-van-loi", "Giám đốc Học viện Chính trị khu vực II."),
        ("Nguyễn Văn Hùng", "", "", "ThS", "nguyen-van-hung-kv2", ""),
    ]
    assert sorted(LogEntry.objects.values_list("object_repr", "action_flag", "user__username")) == [
        ("NGƯT, TS Huỳnh Thanh Quang", 1, "thu-ky"),
        ("PGS, TS Lê Văn Lợi", 1, "thu-ky"),
        ("ThS Nguyễn Văn Hùng", 1, "thu-ky"),
    ]

    again = import_(PersonResource, content, user=staff)

    assert (again.totals["new"], again.totals["update"], again.totals["skip"]) == (0, 0, 3)
    assert LogEntry.objects.count() == 3


def test_people_rows_without_code_update_the_one_person_of_that_name(staff):
    loi = person_create(by=None, written_name="TS Lê Văn Lợi")
    content = workbook(["Họ và tên", "Học hàm, học vị", "Tiểu sử tóm tắt"], ["le van loi", "PGS, TS", "Mới."])

    result = import_(PersonResource, content, user=staff)

    assert (result.totals["new"], result.totals["update"]) == (0, 1)
    assert people() == [("le van loi", "", "PGS", "TS", loi.slug, "Mới.")]
    entry = LogEntry.objects.get()
    assert (entry.object_id, entry.action_flag) == (str(loi.pk), 2)
    assert entry.get_change_message() == "Đã thay đổi họ và tên, học hàm và tiểu sử tóm tắt."


def test_a_name_two_people_bear_needs_the_code():
    person_create(by=None, written_name="TS Nguyễn Văn Hùng")
    person_create(by=None, written_name="ThS Nguyễn Văn Hùng")
    content = workbook(
        ["Họ và tên", "Học hàm, học vị", "Tiểu sử tóm tắt"], ["Nguyễn Văn Hùng", "PGS, TS", ""]
    )

    result = import_(PersonResource, content)

    assert errors_of(result) == {
        2: {
            "Mã": [
                "Có nhiều người tên “Nguyễn Văn Hùng” (mã: nguyen-van-hung; nguyen-van-hung-2): hãy ghi vào "
                "cột này mã của người cần cập nhật, hoặc một mã mới nếu là một người khác cùng tên."
            ]
        }
    }
    assert Person.objects.filter(academic_title="PGS").count() == 0


def test_people_broken_file_names_each_bad_row_and_imports_nothing():
    result = import_(PersonResource, (DATA / "people_broken.xlsx").read_bytes())

    assert errors_of(result) == {
        3: {
            "Học hàm, học vị": [
                "“GSTS” không phải là học hàm, học vị: hãy ghi như “NGƯT, PGS, TS” "
                "(các giá trị: NGND, NGƯT, GS, PGS, TSKH, TS, ThS, CN)."
            ]
        },
        4: {"__all__": ["Dòng này trùng với dòng 2 (cùng Mã, Họ và tên)."]},
    }
    assert Person.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Lê\x00Văn Lợi", "Ô có ký tự NUL; hãy gõ lại nội dung."),
        ("Lê" * 5000, "Tối đa 160 ký tự (ô này có 10000)."),
        (
            "Lê Văn Lợi Nguyễn Thị Minh Khai " * 4 + "Trần",
            "Giá trị này chỉ có tối đa 120 kí tự (hiện có 132)",
        ),
        ("PGS, TS", "Phải nhập họ và tên."),
    ],
    ids=["nul", "10000-characters", "over-the-field", "titles-only"],
)
def test_hostile_names_are_clear_errors(name, message):
    # A dataset as the formats read it: a workbook cannot even hold a NUL, a CSV file can.
    dataset = tablib.Dataset(
        ["Trần Văn Ba", "", ""], [name, "", ""], headers=["Họ và tên", "Học hàm, học vị", "Tiểu sử tóm tắt"]
    )

    result = PersonResource().import_data(dataset)

    assert errors_of(result) == {3: {"Họ và tên": [message]}}
    assert Person.objects.count() == 0


def test_formula_cell_is_a_row_error_and_imports_nothing():
    result = import_(PersonResource, (DATA / "formula.xlsx").read_bytes())

    assert errors_of(result) == {
        3: {
            "Họ và tên": [
                'Ô chứa công thức (=CONCATENATE("Nguyễn ","Văn A")): hãy dán giá trị thay cho công thức.'
            ]
        }
    }
    assert Person.objects.count() == 0


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (
            "not_a_spreadsheet.xlsx",
            "Tệp không phải bảng tính: hãy tải lên tệp Excel (.xlsx) hoặc CSV.",
        ),
        ("empty.xlsx", "Tệp trống: dòng đầu tiên phải là tiêu đề các cột."),
    ],
)
def test_unreadable_people_files_are_refused_in_vietnamese(file, message):
    with pytest.raises(SpreadsheetError) as caught:
        XLSX().create_dataset((DATA / file).read_bytes())
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (
            "renamed_columns.xlsx",
            "Cột “Họ tên” không có trong mẫu: có phải là “Họ và tên”? "
            "Cột “Tiểu sử” không có trong mẫu: có phải là “Tiểu sử tóm tắt”? "
            "Thiếu cột: Họ và tên; Tiểu sử tóm tắt. Hãy tải tệp mẫu để xem các cột cần có.",
        ),
        (
            "missing_column.xlsx",
            "Thiếu cột: Tiểu sử tóm tắt. Hãy tải tệp mẫu để xem các cột cần có.",
        ),
    ],
)
def test_renamed_and_missing_columns_are_refused_before_any_row(file, message):
    result = import_(PersonResource, (DATA / file).read_bytes())

    assert [str(error.error) for error in result.base_errors] == [message]
    assert Person.objects.count() == 0


def test_export_escapes_formulas_and_reads_them_back(staff):
    person_create(by=None, written_name='=HYPERLINK("http://x")', bio="@SUM(A1)")
    content = exported(PersonResource, Person.objects.all())

    sheet = load_workbook(io.BytesIO(content)).active
    assert (sheet["A2"].value, sheet["A2"].data_type) == ('\'=HYPERLINK("http://x")', "s")
    assert (sheet["D2"].value, sheet["D2"].data_type) == ("'@SUM(A1)", "s")

    result = import_(PersonResource, content, user=staff)
    assert result.totals["skip"] == 1
    assert people()[0][0] == '=HYPERLINK("http://x")'
    assert LogEntry.objects.count() == 0


def people_file(count: int) -> bytes:
    rows = [[f"Nguyễn Văn Số {number}", "TS", "", ""] for number in range(count)]
    return workbook(["Họ và tên", "Học hàm, học vị", "Mã", "Tiểu sử tóm tắt"], *rows)


def test_people_import_makes_as_many_queries_for_50_rows_as_for_10(staff):
    person_create(by=None, written_name="Nguyễn Văn Số 1")  # updated by both files
    queries = {}
    for count in (10, 50):
        Person.objects.exclude(full_name="Nguyễn Văn Số 1").delete()
        Person.objects.update(degree="")
        user = type(staff).objects.get(pk=staff.pk)  # its permissions read again, as in a new request
        with CaptureQueriesContext(connection) as captured:
            result = import_(PersonResource, people_file(count), user=user)
        assert (result.totals["new"], result.totals["update"]) == (count - 1, 1)
        queries[count] = len(captured)
    assert queries[10] == queries[50]
    # A fixed cost: 20 queries on SQLite, 21 on PostgreSQL (measured), history rows included.
    assert queries[10] <= (21 if connection.vendor == "postgresql" else 20)


def test_a_dry_run_writes_nothing(staff):
    result = import_(PersonResource, (DATA / "people_example.xlsx").read_bytes(), user=staff, dry_run=True)
    assert result.totals["new"] == 3
    assert (Person.objects.count(), LogEntry.objects.count()) == (0, 0)


# --- organisations ----------------------------------------------------------------------------


def organizations() -> list[tuple]:
    return list(
        Organization.objects.order_by("name").values_list(
            "name",
            "short_name",
            "kind",
            "parent__name",
            "region__name",
            "province__name",
            "website",
            "description",
            "founded_on",
            "closed_on",
            "order",
        )
    )


def test_organizations_round_trip():
    region = RegionFactory(name="Nam Bộ")
    academy = organization_save_new(
        name="Học viện Chính trị quốc gia Hồ Chí Minh",
        kind=OrganizationKind.NATIONAL_ACADEMY,
        website="https://hcma.vn",
        description="Dòng một.\nDòng hai.",
        founded_on=dt.date(1949, 3, 11),
        order=1,
    )
    kv2 = organization_save_new(
        name="Học viện Chính trị khu vực II",
        kind=OrganizationKind.REGIONAL_ACADEMY,
        parent=academy,
        region=region,
        order=3,
    )
    organization_save_new(
        name="Đảng ủy Học viện Chính trị khu vực II",
        short_name="Đảng ủy",
        kind=OrganizationKind.PARTY_COMMITTEE,
        parent=kv2,
        closed_on=dt.date(2025, 6, 30),
        order=4,
    )
    before = organizations()
    content = exported(OrganizationResource, Organization.objects.all())
    Organization.objects.filter(parent__parent__isnull=False).delete()
    Organization.objects.filter(parent__isnull=False).delete()
    Organization.objects.all().delete()

    result = import_(OrganizationResource, content)

    assert result.totals["new"] == 3
    assert organizations() == before
    assert before[0] == (
        "Học viện Chính trị khu vực II",
        "",
        "regional_academy",
        "Học viện Chính trị quốc gia Hồ Chí Minh",
        "Nam Bộ",
        None,
        "",
        "",
        None,
        None,
        3,
    )
    assert import_(OrganizationResource, content).totals["skip"] == 3


def test_organizations_example_file_creates_a_parent_before_its_children(staff):
    RegionFactory(name="Nam Bộ")

    result = import_(OrganizationResource, (DATA / "organizations_example.xlsx").read_bytes(), user=staff)

    assert result.totals["new"] == 3
    assert organizations() == [
        (
            "Học viện Chính trị khu vực II",
            "",
            "regional_academy",
            "Học viện Chính trị quốc gia Hồ Chí Minh",
            "Nam Bộ",
            None,
            "https://hcma2.hcma.vn",
            "",
            dt.date(1976, 11, 15),
            None,
            3,
        ),
        (
            "Học viện Chính trị quốc gia Hồ Chí Minh",
            "",
            "national_academy",
            None,
            None,
            None,
            "",
            "",
            None,
            None,
            1,
        ),
        (
            "Đảng ủy Học viện Chính trị khu vực II",
            "Đảng ủy",
            "party_committee",
            "Học viện Chính trị khu vực II",
            None,
            None,
            "",
            "",
            None,
            None,
            0,
        ),
    ]
    assert Organization.objects.get(short_name="Đảng ủy").slug == "dang-uy-hoc-vien-chinh-tri-khu-vuc-ii"
    assert LogEntry.objects.filter(action_flag=1, user=staff).count() == 3
    again = import_(OrganizationResource, (DATA / "organizations_example.xlsx").read_bytes(), user=staff)
    assert again.totals["skip"] == 3
    assert LogEntry.objects.count() == 3


def test_organizations_broken_file_names_each_bad_row_and_imports_nothing():
    organization_save_new(name="Học viện Chính trị khu vực II", kind=OrganizationKind.REGIONAL_ACADEMY)

    result = import_(OrganizationResource, (DATA / "organizations_broken.xlsx").read_bytes())

    assert errors_of(result) == {
        2: {"Ngày thành lập": ["“13/25/2021” không phải là ngày: hãy ghi ngày/tháng/năm, ví dụ 25/08/2021."]},
        3: {
            "Tổ chức cấp trên": [
                "Không tìm thấy “Học viện Chính trị khu vực 2”. Có phải là: Học viện Chính trị khu vực II?"
            ]
        },
        4: {"__all__": ["Dòng này trùng với dòng 2 (cùng Tên)."]},
    }
    assert Organization.objects.count() == 1


def test_an_organisation_changed_by_a_file_is_logged_with_its_changed_fields(staff):
    organization_save_new(
        name="Học viện Chính trị khu vực II", kind=OrganizationKind.REGIONAL_ACADEMY, order=3
    )
    content = exported(OrganizationResource, Organization.objects.all())
    book = load_workbook(io.BytesIO(content))
    book.active["K2"] = 7
    book.active["B2"] = "HVCT KV II"
    stream = io.BytesIO()
    book.save(stream)

    result = import_(OrganizationResource, stream.getvalue(), user=staff)

    assert result.totals["update"] == 1
    assert Organization.objects.values_list("short_name", "order").get() == ("HVCT KV II", 7)
    assert LogEntry.objects.get().get_change_message() == "Đã thay đổi tên ngắn và thứ tự."


# --- positions, decisions, legal documents ------------------------------------------------------


def test_positions_round_trip():
    kv2 = organization_save_new(name="Học viện Chính trị khu vực II", kind=OrganizationKind.REGIONAL_ACADEMY)
    committee = SteeringCommitteeFactory(organization=kv2)
    team = TeamFactory(committee=committee, kind=TeamKind.SECRETARIAT, name="Tổ thư ký")
    loi = person_create(by=None, written_name="PGS, TS Lê Văn Lợi")
    hung = person_create(by=None, written_name="TS Nguyễn Văn Hùng")
    namesake = person_create(by=None, written_name="ThS Nguyễn Văn Hùng")
    for position in [
        Position(person=loi, role=Role.DIRECTOR, organization=kv2, start_date=dt.date(2021, 8, 1), order=1),
        Position(person=loi, role=Role.HEAD, committee=committee, reported_on=dt.date(2022, 3, 4), order=2),
        Position(
            person=hung,
            role=Role.TEAM_LEADER,
            team=team,
            start_date=dt.date(2021, 9, 1),
            end_date=dt.date(2024, 9, 1),
        ),
        Position(
            person=namesake,
            role=Role.OTHER,
            title="Trưởng Cơ quan đại diện phía Nam",
            organization=kv2,
            in_title_line=False,
        ),
    ]:
        position_save(position=position, by=None)
    fields = (
        "person__slug",
        "role",
        "title",
        "organization__name",
        "committee_id",
        "team_id",
        "start_date",
        "end_date",
        "reported_on",
        "order",
        "in_title_line",
    )
    before = list(Position.objects.order_by("person__slug", "order").values_list(*fields))
    content = exported(PositionResource, Position.objects.all())
    sheet = load_workbook(io.BytesIO(content)).active
    assert [sheet.cell(row, 1).value for row in range(2, 6)] == [
        "Lê Văn Lợi",
        "Lê Văn Lợi",
        "nguyen-van-hung",
        "nguyen-van-hung-2",
    ]
    assert sheet["E3"].value == "Ban Chỉ đạo 35 Học viện Chính trị khu vực II"
    Position.objects.all().delete()

    result = import_(PositionResource, content)

    assert result.totals["new"] == 4, errors_of(result)
    assert list(Position.objects.order_by("person__slug", "order").values_list(*fields)) == before
    assert import_(PositionResource, content).totals["skip"] == 4


def test_a_position_in_no_body_is_a_row_error():
    person_create(by=None, written_name="Lê Văn Lợi")
    headers = PositionResource().export_headers()
    content = workbook(headers, ["Lê Văn Lợi", "Giám đốc", "", "", "", "", "01/08/2021", "", "", 1, "Có"])

    result = import_(PositionResource, content)

    assert errors_of(result) == {2: {"__all__": ["Chọn đúng một trong: tổ chức, ban chỉ đạo, tổ."]}}
    assert Position.objects.count() == 0


def test_decisions_and_legal_documents_round_trip(staff):
    kv2 = organization_save_new(name="Học viện Chính trị khu vực II", kind=OrganizationKind.REGIONAL_ACADEMY)
    committee = SteeringCommitteeFactory(organization=kv2)
    signer = person_create(by=None, written_name="PGS, TS Lê Văn Lợi")
    nq35 = legal_document_save(
        document=LegalDocument(
            number="35-NQ/TW",
            doc_type=LegalDocumentType.RESOLUTION,
            issued_on=dt.date(2018, 10, 22),
            issuer="Bộ Chính trị",
            term="khóa XII",
            title="Về tăng cường bảo vệ nền tảng tư tưởng của Đảng",
            source_url="https://tulieuvankien.dangcongsan.vn/",
        ),
        by=None,
    )
    law = legal_document_save(
        document=LegalDocument(doc_type=LegalDocumentType.LAW, issuer="Quốc hội", title="Luật An ninh mạng"),
        by=None,
    )
    decision_save(
        decision=Decision(
            number="12-QĐ/BCĐ35",
            issuer_committee=committee,
            kind=DecisionKind.FOUND_TEAM,
            title="Thành lập Tổ thư ký",
            issued_on=dt.date(2021, 9, 15),
            signer=signer,
            summary="Dòng một.\nDòng hai.",
        ),
        legal_documents=[nq35, law],
        by=None,
    )
    decision_save(
        decision=Decision(issuer_organization=kv2, kind=DecisionKind.OTHER, title="Quyết định không số"),
        legal_documents=[],
        by=None,
    )

    def decisions():
        return [
            (
                *values,
                sorted(Decision.objects.get(title=values[4]).legal_documents.values_list("title", flat=True)),
            )
            for values in Decision.objects.order_by("title").values_list(
                "number",
                "issuer_committee_id",
                "issuer_organization_id",
                "kind",
                "title",
                "issued_on",
                "signer_id",
                "summary",
            )
        ]

    def documents():
        return list(
            LegalDocument.objects.order_by("title").values_list(
                "number", "doc_type", "issued_on", "issuer", "term", "title", "abstract", "source_url", "slug"
            )
        )

    decisions_before, documents_before = decisions(), documents()
    decisions_file = exported(DecisionResource, Decision.objects.all())
    documents_file = exported(LegalDocumentResource, LegalDocument.objects.all())
    cited = {
        row[0]: row[8] for row in load_workbook(io.BytesIO(decisions_file)).active.iter_rows(values_only=True)
    }
    assert cited["12-QĐ/BCĐ35"] in (
        "35-NQ/TW; Luật An ninh mạng",
        "Luật An ninh mạng; 35-NQ/TW",
    )
    Decision.objects.all().delete()
    LegalDocument.objects.all().delete()

    assert import_(LegalDocumentResource, documents_file).totals["new"] == 2
    result = import_(DecisionResource, decisions_file, user=staff)

    assert result.totals["new"] == 2, errors_of(result)
    assert documents() == documents_before
    assert decisions() == decisions_before
    assert decisions_before[1][-1] == ["Luật An ninh mạng", "Về tăng cường bảo vệ nền tảng tư tưởng của Đảng"]
    assert import_(DecisionResource, decisions_file, user=staff).totals["skip"] == 2
    assert import_(LegalDocumentResource, documents_file, user=staff).totals["skip"] == 2
    assert LogEntry.objects.count() == 2


def test_export_makes_no_query_per_row(django_assert_num_queries):
    kv2 = organization_save_new(name="Học viện Chính trị khu vực II", kind=OrganizationKind.REGIONAL_ACADEMY)
    committee = SteeringCommitteeFactory(organization=kv2)
    documents = [
        legal_document_save(
            document=LegalDocument(
                number=f"{n}-NQ/TW",
                doc_type=LegalDocumentType.RESOLUTION,
                issuer="Bộ Chính trị",
                title=f"Nghị quyết {n}",
            ),
            by=None,
        )
        for n in range(3)
    ]
    for n in range(6):
        person = person_create(by=None, written_name=f"Nguyễn Văn {n}")
        position_save(position=Position(person=person, role=Role.MEMBER, committee=committee), by=None)
        decision_save(
            decision=Decision(
                number=f"{n}-QĐ",
                issuer_committee=committee,
                kind=DecisionKind.OTHER,
                title=f"QĐ {n}",
                signer=person,
            ),
            legal_documents=documents[: n % 3 + 1],
            by=None,
        )
    # Positions: the rows, and the people once (to write a namesake's code instead of the name).
    with django_assert_num_queries(2):
        assert len(list(PositionResource().export_rows(Position.objects.all()))) == 6
    # Decisions: the rows, their documents, and the people once.
    with django_assert_num_queries(3):
        assert len(list(DecisionResource().export_rows(Decision.objects.all()))) == 6
    with django_assert_num_queries(1):
        assert len(list(OrganizationResource().export_rows(Organization.objects.all()))) == 1


@pytest.mark.parametrize(
    "resource_class",
    [OrganizationResource, PersonResource, PositionResource, DecisionResource, LegalDocumentResource],
)
def test_templates_have_an_example_row_under_the_headers(resource_class):
    resource = resource_class()
    rows = resource.template_rows()
    assert len(rows) >= 1
    assert all(len(row) == len(resource.export_headers()) for row in rows)
    assert all(any(cell not in ("", None) for cell in row) for row in rows)


@pytest.mark.parametrize(
    ("resource_class", "model"),
    [
        (OrganizationResource, Organization),
        (PersonResource, Person),
        (PositionResource, Position),
        (DecisionResource, Decision),
        (LegalDocumentResource, LegalDocument),
    ],
)
def test_the_demo_exported_imports_back_unchanged(demo_data, staff, resource_class, model):
    count = model.objects.count()
    content = exported(resource_class, model.objects.all())

    result = import_(resource_class, content, user=staff)

    assert errors_of(result) == {}
    assert (result.totals["skip"], result.totals["new"], result.totals["update"]) == (count, 0, 0)
    assert LogEntry.objects.filter(user=staff).count() == 0


def test_the_demo_organisations_are_exported_parents_first(demo_data):
    # Rows import in order, and a parent is found among the rows above: the file of the whole
    # registry imports into an empty one.
    content = exported(OrganizationResource, Organization.objects.all())

    names = [
        row[0] for row in load_workbook(io.BytesIO(content)).active.iter_rows(min_row=2, values_only=True)
    ]

    line = {name: index for index, name in enumerate(names)}
    parents = dict(Organization.objects.values_list("name", "parent__name"))
    assert len(names) == len(parents) == Organization.objects.count()
    assert [name for name in names if parents[name] is not None and line[parents[name]] > line[name]] == []
    # The demo has children listed before their parents by `order` alone: the test can fail.
    assert Organization.objects.filter(parent__isnull=False, order__lt=F("parent__order")).exists()


def test_organizations_file_with_a_renamed_column_or_a_formula_imports_nothing():
    headers = OrganizationResource().export_headers()
    renamed = ["Tên tổ chức", *headers[1:]]
    row = [
        "Học viện Chính trị khu vực IV",
        "",
        "Học viện Chính trị khu vực",
        "",
        "",
        "",
        "",
        "",
        None,
        None,
        4,
    ]

    result = import_(OrganizationResource, workbook(renamed, row))

    assert [str(error.error) for error in result.base_errors] == [
        # Not "did you mean “Tổ chức cấp trên”?": that column is in the file (a name is looked
        # for among the missing columns), and "Tên" is too far from "Tên tổ chức" to be offered.
        "Cột “Tên tổ chức” không có trong mẫu. Thiếu cột: Tên. Hãy tải tệp mẫu để xem các cột cần có."
    ]
    with_formula = ["Học viện Chính trị khu vực III", *row[1:10], "=1+3"]
    result = import_(OrganizationResource, workbook(headers, row, with_formula))
    assert errors_of(result) == {
        3: {"Thứ tự": ["Ô chứa công thức (=1+3): hãy dán giá trị thay cho công thức."]},
    }
    assert Organization.objects.count() == 0


def test_organizations_round_trip_through_csv():
    RegionFactory(name="Nam Bộ")
    organization_save_new(
        name="Học viện Chính trị khu vực II",
        kind=OrganizationKind.REGIONAL_ACADEMY,
        founded_on=dt.date(1976, 11, 15),
        website="https://hcma2.hcma.vn",
        order=3,
    )
    before = organizations()
    resource = OrganizationResource()
    stream = io.StringIO()
    write_csv(stream, resource.export_headers(), resource.export_rows(Organization.objects.all()))
    assert stream.getvalue().splitlines()[1] == (
        "Học viện Chính trị khu vực II,,Học viện Chính trị khu vực,,,,https://hcma2.hcma.vn,,15/11/1976,,3"
    )
    Organization.objects.all().delete()

    result = OrganizationResource().import_data(read_csv(stream.getvalue().encode()))

    assert result.totals["new"] == 1
    assert organizations() == before


def test_people_and_legal_documents_export_in_one_query(django_assert_num_queries):
    person_create(by=None, written_name="PGS, TS Lê Văn Lợi")
    person_create(by=None, written_name="TS Nguyễn Văn Hùng")
    legal_document_save(
        document=LegalDocument(doc_type=LegalDocumentType.LAW, issuer="Quốc hội", title="Luật An ninh mạng"),
        by=None,
    )
    with django_assert_num_queries(1):
        assert len(list(PersonResource().export_rows(Person.objects.all()))) == 2
    with django_assert_num_queries(1):
        assert len(list(LegalDocumentResource().export_rows(LegalDocument.objects.all()))) == 1
