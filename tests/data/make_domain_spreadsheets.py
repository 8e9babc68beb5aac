"""Write the events' and agreements' example and broken spreadsheets of this folder, byte for
byte the same on every run: `python tests/data/make_domain_spreadsheets.py` (see README.md).

The headers are the Vietnamese columns of events/resources.py and agreements/resources.py,
and the names those of the demo data, so the examples import into a demo database too.
"""

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

FOLDER = Path(__file__).resolve().parent
FIXED_TIME = (2026, 1, 1, 0, 0, 0)

EVENTS = [
    "Tiêu đề",
    "Loại",
    "Mục đích",
    "Cấp",
    "Hình thức",
    "Ngày bắt đầu",
    "Giờ bắt đầu",
    "Buổi",
    "Ngày kết thúc",
    "Giờ kết thúc",
    "Không rõ ngày",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Văn bản triển khai",
    "Điểm cầu",
    "Tóm tắt",
]
AGREEMENTS = [
    "Loại",
    "Tên văn bản",
    "Số, ký hiệu",
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
KV1 = "Học viện Chính trị khu vực I"
KV2 = "Học viện Chính trị khu vực II"
KV4 = "Học viện Chính trị khu vực IV"
NA = "Trường Chính trị tỉnh Nghệ An"


def event(title, start, host, *, kind="Hội nghị", event_format="trực tiếp", end=None, summary=None):
    return [
        title,
        kind,
        None,
        None,
        event_format,
        start,
        None,
        None,
        end,
        None,
        None,
        host,
        None,
        None,
        None,
        summary,
    ]


def agreement(title, number, parties, *, signed=dt.date(2024, 3, 1), effective=(None, None)):
    return [
        "Quy chế phối hợp",
        title,
        number,
        signed,
        *effective,
        None,
        None,
        parties,
        None,
        None,
        None,
        None,
    ]


FILES: dict[str, list[list]] = {
    "events_example.xlsx": [
        EVENTS,
        [
            "Hội nghị sơ kết 5 năm thực hiện Nghị quyết 35-NQ/TW",
            "Hội nghị",
            "sơ kết",
            "cấp cơ sở",
            "trực tiếp kết hợp trực tuyến",
            dt.date(2023, 10, 20),
            dt.time(8, 0),
            None,
            None,
            dt.time(11, 30),
            "Không",
            KV1,
            NA,
            "35-NQ/TW",
            f"{KV1} — Hội trường A (điểm cầu chính); {NA}; — các tỉnh khu vực Tây Nam Bộ",
            "Hội nghị đánh giá kết quả 5 năm thực hiện Nghị quyết.\nĐề ra phương hướng giai đoạn tới.",
        ],
        [
            "Tọa đàm bảo vệ nền tảng tư tưởng của Đảng",
            "tọa đàm",
            None,
            None,
            "trực tiếp",
            "05/03/2024",
            None,
            "buổi chiều",
            "06/03/2024",
            None,
            None,
            "hoc vien chinh tri khu vuc ii",
            f"{KV1}; {KV4}",
            None,
            None,
            None,
        ],
        [
            "Hội thảo khoa học trực tuyến",
            "Hội thảo khoa học",
            "chuyên đề",
            None,
            "trực tuyến",
            dt.date(2024, 9, 12),
            "8h30",
            None,
            None,
            None,
            None,
            KV4,
            None,
            None,
            f"{KV4} (điểm cầu chính); {KV2} — Phòng họp 2",
            None,
        ],
    ],
    "events_broken.xlsx": [
        EVENTS,
        event("Sự kiện đúng", dt.date(2024, 1, 10), KV1),
        event("Ngày sai", "13/25/2021", KV1),
        event("Chủ trì lạ", dt.date(2024, 1, 10), "Học viện Chính trị khu vực 1"),
        event("Kết thúc trước khi bắt đầu", dt.date(2024, 1, 10), KV1, end=dt.date(2024, 1, 9)),
        event("sự kiện đúng", "10/01/2024", KV1),
        event("Tóm tắt là công thức", dt.date(2024, 1, 11), KV1, summary='=HYPERLINK("http://example.com")'),
        event("Trực tuyến không có điểm cầu", dt.date(2024, 1, 12), KV1, event_format="trực tuyến"),
    ],
    "agreements_example.xlsx": [
        AGREEMENTS,
        [
            "Quy chế phối hợp",
            "Quy chế phối hợp trong công tác bảo vệ nền tảng tư tưởng của Đảng",
            "01/QC-HVCTKVI-TCTNA",
            dt.date(2024, 3, 1),
            dt.date(2024, 3, 1),
            None,
            None,
            None,
            f"{KV1} (chủ trì); {NA} (phối hợp)",
            None,
            24,
            60,
            "Hai bên phối hợp nghiên cứu, tuyên truyền và đấu tranh phản bác quan điểm sai trái.",
        ],
        [
            "chương trình phối hợp",
            "Chương trình phối hợp năm 2025",
            None,
            None,
            None,
            None,
            "01/01/2025",
            "31/12/2025",
            f"{KV4} (chủ trì); {KV2}; {NA}",
            None,
            None,
            12,
            None,
        ],
    ],
    "agreements_broken.xlsx": [
        AGREEMENTS,
        agreement("Quy chế đúng", "05/QC", f"{KV1} (chủ trì); {NA}"),
        agreement("Bên lạ", "06/QC", f"{KV1} (chủ trì); Trường Chính trị tỉnh Nghe"),
        agreement("Một bên", "07/QC", f"{KV1} (chủ trì)"),
        agreement("Hết hiệu lực trước", "08/QC", f"{KV1}; {NA}", effective=("01/01/2025", "31/12/2024")),
        agreement("Trùng số", "05/qc", f"{KV1}; {NA}"),
        agreement("Ngày sai", "09/QC", f"{KV1}; {NA}", signed="13/25/2021"),
    ],
}


def workbook(rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, dt.date):
                cell.number_format = "DD/MM/YYYY"
            elif isinstance(cell.value, dt.time):
                cell.number_format = "HH:MM"
    stream = io.BytesIO()
    book.save(stream)
    return fixed(stream.getvalue())


def fixed(content: bytes) -> bytes:
    """The workbook with its dates (zip entries, document properties) set to one fixed time."""
    source = zipfile.ZipFile(io.BytesIO(content))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2026-01-01T00:00:00Z", data)
            target.writestr(zipfile.ZipInfo(info.filename, date_time=FIXED_TIME), data, zipfile.ZIP_DEFLATED)
    return stream.getvalue()


def main() -> None:
    for name, rows in FILES.items():
        (FOLDER / name).write_bytes(workbook(rows))


if __name__ == "__main__":
    main()
