"""Write the committees' example and broken spreadsheets of this folder, byte for byte the same
on every run: `python tests/data/make_spreadsheets.py` (see README.md for what each shows).

The headers are the Vietnamese columns of committees/resources.py, as a secretariat sees them.
"""

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

from openpyxl import Workbook

FOLDER = Path(__file__).resolve().parent
FIXED_TIME = (2026, 1, 1, 0, 0, 0)

PEOPLE = ["Họ và tên", "Học hàm, học vị", "Mã", "Tiểu sử tóm tắt"]
ORGANIZATIONS = [
    "Tên",
    "Tên ngắn",
    "Loại",
    "Tổ chức cấp trên",
    "Vùng",
    "Tỉnh, thành phố",
    "Trang web",
    "Mô tả",
    "Ngày thành lập",
    "Ngày chấm dứt hoạt động",
    "Thứ tự",
]

FILES: dict[str, list[list]] = {
    "people_example.xlsx": [
        PEOPLE,
        ["Lê Văn Lợi", "PGS, TS", "", "Giám đốc Học viện Chính trị khu vực II."],
        ["Huỳnh Thanh Quang", "NGƯT, TS", "", ""],
        ["Nguyễn Văn Hùng", "ThS", "nguyen-van-hung-kv2", ""],
    ],
    "people_broken.xlsx": [
        PEOPLE,
        ["Lê Văn Lợi", "PGS, TS", "", ""],
        ["Trần Thị Mai", "GSTS", "", ""],
        ["le van loi", "TS", "", ""],
    ],
    "organizations_example.xlsx": [
        ORGANIZATIONS,
        [
            "Học viện Chính trị quốc gia Hồ Chí Minh",
            "",
            "Học viện Chính trị quốc gia",
            "",
            "",
            "",
            "",
            "",
            None,
            None,
            1,
        ],
        [
            "Học viện Chính trị khu vực II",
            "",
            "Học viện Chính trị khu vực",
            "Học viện Chính trị quốc gia Hồ Chí Minh",
            "Nam Bộ",
            "",
            "https://hcma2.hcma.vn",
            "",
            "15/11/1976",
            None,
            3,
        ],
        [
            "Đảng ủy Học viện Chính trị khu vực II",
            "Đảng ủy",
            "Đảng ủy",
            "Học viện Chính trị khu vực II",
            "",
            "",
            "",
            "",
            None,
            None,
            0,
        ],
    ],
    "organizations_broken.xlsx": [
        ORGANIZATIONS,
        [
            "Học viện Chính trị khu vực IV",
            "",
            "Học viện Chính trị khu vực",
            "",
            "",
            "",
            "",
            "",
            "13/25/2021",
            None,
            4,
        ],
        [
            "Trường Chính trị tỉnh Nghệ An",
            "",
            "Trường Chính trị tỉnh",
            "Học viện Chính trị khu vực 2",
            "",
            "",
            "",
            "",
            None,
            None,
            0,
        ],
        [
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
        ],
    ],
    "empty.xlsx": [],
    "renamed_columns.xlsx": [
        ["Họ tên", "Học hàm, học vị", "Tiểu sử"],
        ["Lê Văn Lợi", "PGS, TS", ""],
    ],
    "missing_column.xlsx": [
        ["Họ và tên", "Học hàm, học vị"],
        ["Lê Văn Lợi", "PGS, TS"],
    ],
    "formula.xlsx": [
        PEOPLE,
        ["Lê Văn Lợi", "PGS, TS", "", ""],
        ['=CONCATENATE("Nguyễn ","Văn A")', "TS", "", ""],
    ],
}


def workbook(rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    for row in rows:
        sheet.append(row)
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


def png() -> bytes:
    """A 1×1 white PNG: an image someone renamed to .xlsx."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def main() -> None:
    for name, rows in FILES.items():
        (FOLDER / name).write_bytes(workbook(rows))
    (FOLDER / "not_a_spreadsheet.xlsx").write_bytes(png())


if __name__ == "__main__":
    main()
