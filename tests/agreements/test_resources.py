"""The agreements' spreadsheet: a round trip with parties and the agreement superseded,
re-imports that change nothing, the rules on parties refused row by row, tasks exported."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Permission
from openpyxl import Workbook, load_workbook

from agreements.models import Agreement, AgreementKind, AgreementParty, AgreementStatus, PartyRole, Task
from agreements.resources import AgreementResource, TaskResource
from agreements.services import agreement_transition
from portal.exchange import registry
from portal.exchange.formats import read_xlsx, write_xlsx
from tests.agreements.factories import AgreementFactory, DirectionFactory, TaskFactory
from tests.committees.factories import OrganizationFactory
from tests.staff import sees_everything

pytestmark = pytest.mark.django_db

HEADERS = [
    "Loại",
    "Tên văn bản",
    "Số, ký hiệu",
    "Trạng thái",
    "Ngày ký",
    "Hiệu lực từ ngày",
    "Hiệu lực đến ngày",
    "Giai đoạn từ ngày",
    "Giai đoạn đến ngày",
    "Các bên tham gia",
    "Thay thế văn bản",
    "Sơ kết sau (tháng)",
    "Tổng kết sau (tháng)",
    "Tóm tắt",
]


def export_bytes() -> bytes:
    resource = AgreementResource()
    stream = io.BytesIO()
    write_xlsx(
        stream,
        resource.export_headers(),
        resource.export_rows(Agreement.objects.order_by("pk")),
        title="Văn bản",
    )
    return stream.getvalue()


def raw_workbook(*rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(list(row))
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def import_bytes(content: bytes, *, dry_run=False):
    return AgreementResource().import_data(read_xlsx(content), dry_run=dry_run)


def invalid_rows(result) -> dict[int, dict[str, list[str]]]:
    return {
        row.number + 1: {
            column: [str(message) for message in messages] for column, messages in row.error_dict.items()
        }
        for row in result.invalid_rows
    }


def agreement_state() -> list[tuple]:
    agreements = Agreement.objects.select_related("supersedes").prefetch_related("parties__organization")
    return sorted(
        (
            agreement.kind,
            agreement.title,
            agreement.number,
            agreement.signed_on,
            agreement.effective_from,
            agreement.effective_to,
            agreement.covers_from,
            agreement.covers_to,
            [(party.organization.name, party.role, party.order) for party in agreement.parties.all()],
            agreement.supersedes.number if agreement.supersedes else None,
            agreement.interim_review_months,
            agreement.final_review_months,
            agreement.summary,
        )
        for agreement in agreements
    )


@pytest.fixture
def orgs():
    return {
        "hv1": OrganizationFactory(name="Học viện Chính trị khu vực I", short_name="HVCTKV I"),
        "hv2": OrganizationFactory(name="Học viện Chính trị khu vực II"),
        "na": OrganizationFactory(name="Trường Chính trị tỉnh Nghệ An"),
    }


@pytest.fixture
def agreements(orgs):
    """An agreement in force with three parties, and a programme (no number) superseding nothing."""
    regulation = AgreementFactory(
        kind=AgreementKind.REGULATION,
        title="Quy chế phối hợp bảo vệ nền tảng tư tưởng",
        number="01-QC/HV-NA",
        signed_on=dt.date(2021, 3, 1),
        effective_from=dt.date(2021, 3, 1),
        effective_to=dt.date(2025, 12, 31),
        interim_review_months=24,
        summary="Hai bên phối hợp.\nBa nội dung.",
        parties=[orgs["hv1"], orgs["na"], orgs["hv2"]],
    )
    agreement_transition(agreement=regulation, to=AgreementStatus.IN_FORCE, by=None)
    programme = AgreementFactory(
        kind=AgreementKind.PROGRAMME,
        title="+Chương trình phối hợp năm 2025",
        number="",
        signed_on=None,
        covers_from=dt.date(2025, 1, 1),
        covers_to=dt.date(2025, 12, 31),
        final_review_months=12,
        parties=[orgs["na"], orgs["hv1"]],
    )
    return regulation, programme


def test_agreements_are_registered_importable_and_tasks_export_only():
    assert registry.entry_for(Agreement).resource is AgreementResource
    assert registry.entry_for(Agreement).importable is True
    assert registry.entry_for(Task).resource is TaskResource
    assert registry.entry_for(Task).importable is False


def test_export_cells(agreements):
    sheet = load_workbook(io.BytesIO(export_bytes())).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == HEADERS
    assert rows[1] == [
        "Quy chế phối hợp",
        "Quy chế phối hợp bảo vệ nền tảng tư tưởng",
        "01-QC/HV-NA",
        "đang có hiệu lực",
        dt.datetime(2021, 3, 1),  # noqa: DTZ001 - a workbook cell is naive
        dt.datetime(2021, 3, 1),  # noqa: DTZ001
        dt.datetime(2025, 12, 31),  # noqa: DTZ001
        None,
        None,
        "Học viện Chính trị khu vực I (chủ trì); Trường Chính trị tỉnh Nghệ An (phối hợp); "
        "Học viện Chính trị khu vực II (phối hợp)",
        None,
        24,
        None,
        "Hai bên phối hợp.\nBa nội dung.",
    ]
    assert rows[2][1] == "'+Chương trình phối hợp năm 2025"
    assert rows[2][3] == "dự thảo"
    assert rows[2][7:13] == [
        dt.datetime(2025, 1, 1),  # noqa: DTZ001
        dt.datetime(2025, 12, 31),  # noqa: DTZ001
        "Trường Chính trị tỉnh Nghệ An (chủ trì); Học viện Chính trị khu vực I (phối hợp)",
        None,
        None,
        12,
    ]


def test_round_trip_into_empty_tables_gives_the_same_agreements_as_drafts(agreements):
    regulation, _programme = agreements
    successor = AgreementFactory(
        title="Quy chế phối hợp (sửa đổi)",
        number="02-QC/HV-NA",
        supersedes=regulation,
        parties=[OrganizationFactory(name="Ban Tuyên giáo"), OrganizationFactory(name="Báo Nghệ An")],
    )
    before = agreement_state()
    content = export_bytes()
    Agreement.objects.filter(pk=successor.pk).delete()
    Agreement.objects.all().delete()
    # The superseded agreement must be in force when the file names it: import it first, then
    # move it on, then import the file again (the successor's row is new, the others unchanged).
    first = import_bytes(raw_workbook(*_without_successor(content)))
    assert not first.has_errors() and invalid_rows(first) == {}
    assert first.totals["new"] == 2
    agreement_transition(
        agreement=Agreement.objects.get(number="01-QC/HV-NA"), to=AgreementStatus.IN_FORCE, by=None
    )
    second = import_bytes(content)
    assert not second.has_errors() and invalid_rows(second) == {}
    assert (second.totals["new"], second.totals["skip"]) == (1, 2)
    assert agreement_state() == before
    assert Agreement.objects.get(number="02-QC/HV-NA").status == AgreementStatus.DRAFT
    assert Agreement.objects.get(number="").slug == "chuong-trinh-phoi-hop-nam-2025"


def _without_successor(content: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows() if row[2].value != "02-QC/HV-NA"]


def test_reimporting_the_export_changes_nothing(agreements):
    content = export_bytes()
    stamps = list(Agreement.objects.order_by("pk").values_list("updated_at", flat=True))
    parties = list(AgreementParty.objects.order_by("pk").values_list("pk", "role", "order"))
    result = import_bytes(content)
    assert result.totals == {"new": 0, "update": 0, "delete": 0, "skip": 2, "error": 0, "invalid": 0}
    assert list(Agreement.objects.order_by("pk").values_list("updated_at", flat=True)) == stamps
    assert list(AgreementParty.objects.order_by("pk").values_list("pk", "role", "order")) == parties


def test_changed_parties_keep_the_stored_ones(agreements, orgs):
    regulation, _ = agreements
    kept = AgreementParty.objects.get(agreement=regulation, organization=orgs["na"])
    also_kept = AgreementParty.objects.get(agreement=regulation, organization=orgs["hv1"])
    row = [
        "quy chế phối hợp",
        regulation.title,
        "01-qc/hv-na",
        "",
        "01/03/2021",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ]
    row[9] = "Trường Chính trị tỉnh Nghệ An (Chủ trì); HVCTKV I"
    result = import_bytes(raw_workbook(HEADERS, row))
    assert not result.has_errors() and invalid_rows(result) == {}
    assert result.totals["update"] == 1
    assert list(
        AgreementParty.objects.filter(agreement=regulation).values_list(
            "pk", "organization__name", "role", "order"
        )
    ) == [
        (kept.pk, "Trường Chính trị tỉnh Nghệ An", PartyRole.LEAD, 0),
        (also_kept.pk, "Học viện Chính trị khu vực I", PartyRole.MEMBER, 1),
    ]
    regulation.refresh_from_db()
    assert (regulation.status, regulation.effective_from, regulation.interim_review_months) == (
        AgreementStatus.IN_FORCE,
        None,
        None,
    )


def agreement_row(**values) -> list:
    base = dict.fromkeys(HEADERS, "")
    base.update(
        {
            "Loại": "Quy chế phối hợp",
            "Tên văn bản": "Quy chế mới",
            "Ngày ký": "01/02/2024",
            "Các bên tham gia": "Học viện Chính trị khu vực I (chủ trì); Học viện Chính trị khu vực II",
        }
    )
    base.update(values)
    return list(base.values())


def test_bad_rows_are_refused_with_their_row_and_nothing_is_imported(agreements, orgs):
    count = Agreement.objects.count()
    content = raw_workbook(
        HEADERS,
        agreement_row(**{"Số, ký hiệu": "10-QC"}),
        agreement_row(**{"Số, ký hiệu": "11-QC", "Ngày ký": "13/25/2021"}),
        agreement_row(
            **{
                "Số, ký hiệu": "12-QC",
                "Các bên tham gia": "Học viện Chính trị khu vực I; Trường Chính trị tỉnh Nghe",
            }
        ),
        agreement_row(**{"Số, ký hiệu": "13-QC", "Các bên tham gia": "Học viện Chính trị khu vực I"}),
        agreement_row(
            **{"Số, ký hiệu": "14-QC", "Hiệu lực từ ngày": "01/01/2025", "Hiệu lực đến ngày": "31/12/2024"}
        ),
        agreement_row(**{"Số, ký hiệu": "10-qc", "Tên văn bản": "Tên khác"}),
        agreement_row(**{"Số, ký hiệu": "15-QC", "Thay thế văn bản": "+Chương trình phối hợp năm 2025"}),
        agreement_row(
            **{
                "Số, ký hiệu": "16-QC",
                "Các bên tham gia": "HVCTKV I (chủ tịch); Học viện Chính trị khu vực II",
            }
        ),
    )
    result = import_bytes(content)
    assert Agreement.objects.count() == count
    invalid = invalid_rows(result)
    assert set(invalid) == {3, 4, 5, 6, 7, 8, 9}
    assert invalid[3] == {
        "Ngày ký": ["“13/25/2021” không phải là ngày: hãy ghi ngày/tháng/năm, ví dụ 25/08/2021."]
    }
    assert invalid[4] == {
        "Các bên tham gia": [
            "Không tìm thấy “Trường Chính trị tỉnh Nghe”. Có phải là: Trường Chính trị tỉnh Nghệ An; "
            "Học viện Chính trị khu vực I; Học viện Chính trị khu vực II?"
        ]
    }
    assert invalid[5] == {"Các bên tham gia": ["Văn bản phối hợp phải có ít nhất hai bên tham gia."]}
    assert invalid[6] == {
        "Hiệu lực đến ngày": ["Văn bản phối hợp không thể hết hiệu lực trước khi có hiệu lực."]
    }
    assert invalid[7] == {"__all__": ["Dòng này trùng với dòng 2 (cùng Số, ký hiệu)."]}
    assert list(invalid[8]) == ["Thay thế văn bản"]
    assert "dự thảo" in invalid[8]["Thay thế văn bản"][0]
    assert invalid[9] == {"Các bên tham gia": ["“chủ tịch” không thuộc các giá trị: chủ trì; phối hợp."]}


def test_a_party_owning_tasks_is_not_removed(agreements, orgs):
    regulation, _ = agreements
    TaskFactory(
        agreement=regulation, owner=AgreementParty.objects.get(agreement=regulation, organization=orgs["hv2"])
    )
    row = ["Quy chế phối hợp", regulation.title, "01-QC/HV-NA"] + [""] * 11
    row[9] = "Học viện Chính trị khu vực I (chủ trì); Trường Chính trị tỉnh Nghệ An"
    result = import_bytes(raw_workbook(HEADERS, row))
    assert AgreementParty.objects.filter(agreement=regulation).count() == 3
    assert list(invalid_rows(result)[2]) == ["Các bên tham gia"]
    assert "Học viện Chính trị khu vực II" in invalid_rows(result)[2]["Các bên tham gia"][0]


def test_tasks_export_with_their_agreement_owner_and_direction(agreements, orgs):
    regulation, _ = agreements
    owner = AgreementParty.objects.get(agreement=regulation, organization=orgs["na"])
    direction = DirectionFactory(agreement=regulation, title="Nghiên cứu khoa học")
    TaskFactory(agreement=regulation, owner=owner, direction=direction, order=1, title="@Tổ chức hội thảo")
    TaskFactory(agreement=regulation, order=2, title="Biên soạn tài liệu", due_on=None)
    assert list(TaskResource().export_rows(Task.objects.order_by("order"))) == [
        [
            "01-QC/HV-NA",
            1,
            "'@Tổ chức hội thảo",
            "Trường Chính trị tỉnh Nghệ An",
            "Nghiên cứu khoa học",
            dt.date(2020, 12, 31),
            "chưa thực hiện",
            "được nêu là nhiệm vụ",
        ],
        ["01-QC/HV-NA", 2, "Biên soạn tài liệu", "", "", None, "chưa thực hiện", "được nêu là nhiệm vụ"],
    ]


DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture
def demo_names():
    """The organisations the example files name, as the demo data has them."""
    names = [
        "Học viện Chính trị khu vực I",
        "Học viện Chính trị khu vực II",
        "Học viện Chính trị khu vực IV",
        "Trường Chính trị tỉnh Nghệ An",
    ]
    return {name: OrganizationFactory(name=name) for name in names}


def test_example_file_imports_two_agreements_then_nothing(demo_names):
    content = (DATA / "agreements_example.xlsx").read_bytes()
    result = import_bytes(content)
    assert not result.has_errors() and invalid_rows(result) == {}
    assert result.totals["new"] == 2
    assert agreement_state() == [
        (
            AgreementKind.PROGRAMME,
            "Chương trình phối hợp năm 2025",
            "",
            None,
            None,
            None,
            dt.date(2025, 1, 1),
            dt.date(2025, 12, 31),
            [
                ("Học viện Chính trị khu vực IV", PartyRole.LEAD, 0),
                ("Học viện Chính trị khu vực II", PartyRole.MEMBER, 1),
                ("Trường Chính trị tỉnh Nghệ An", PartyRole.MEMBER, 2),
            ],
            None,
            None,
            12,
            "",
        ),
        (
            AgreementKind.REGULATION,
            "Quy chế phối hợp trong công tác bảo vệ nền tảng tư tưởng của Đảng",
            "01/QC-HVCTKVI-TCTNA",
            dt.date(2024, 3, 1),
            dt.date(2024, 3, 1),
            None,
            None,
            None,
            [
                ("Học viện Chính trị khu vực I", PartyRole.LEAD, 0),
                ("Trường Chính trị tỉnh Nghệ An", PartyRole.MEMBER, 1),
            ],
            None,
            24,
            60,
            "Hai bên phối hợp nghiên cứu, tuyên truyền và đấu tranh phản bác quan điểm sai trái.",
        ),
    ]
    assert set(Agreement.objects.values_list("status", flat=True)) == {AgreementStatus.DRAFT}
    assert import_bytes(content).totals["skip"] == 2


def test_broken_file_names_each_bad_row_and_imports_nothing(demo_names):
    result = import_bytes((DATA / "agreements_broken.xlsx").read_bytes())
    assert Agreement.objects.count() == 0
    assert {number: sorted(errors) for number, errors in invalid_rows(result).items()} == {
        3: ["Các bên tham gia"],
        4: ["Các bên tham gia"],
        5: ["Hiệu lực đến ngày"],
        6: ["__all__"],
        7: ["Ngày ký"],
    }


def test_template_row_imports_as_an_agreement(demo_names):
    resource = AgreementResource()
    stream = io.BytesIO()
    write_xlsx(stream, resource.export_headers(), resource.template_rows(), title="Mẫu")
    result = import_bytes(stream.getvalue())
    assert not result.has_errors() and invalid_rows(result) == {}
    assert list(Agreement.objects.values_list("number", "interim_review_months")) == [
        ("01/QC-HVCTKVI-TCTNA", 24)
    ]


def test_the_importing_user_is_recorded_as_the_author_of_the_change(demo_names, django_user_model):
    user = django_user_model.objects.create_user("thuky", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="agreements", codename__regex=r"^(add|change)_")
    )
    sees_everything(user)  # the file's agreements have several leads: the author, not scope, is at stake
    content = (DATA / "agreements_example.xlsx").read_bytes()
    result = AgreementResource().import_data(read_xlsx(content), user=user)
    assert result.totals["new"] == 2
    entries = LogEntry.objects.filter(content_type__model="agreement")
    assert [(entry.user_id, entry.action_flag) for entry in entries] == [(user.pk, ADDITION)] * 2
