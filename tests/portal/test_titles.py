import pytest

from portal.lib.titles import ParsedName, name_with_titles, parse_name


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("PGS,TS Hoàng Phúc Lâm", ParsedName("Hoàng Phúc Lâm", academic_title="PGS", degree="TS")),
        ("PGS, TS Hoàng Phúc Lâm", ParsedName("Hoàng Phúc Lâm", academic_title="PGS", degree="TS")),
        ("PGS,TS. Nguyễn Tấn Vinh", ParsedName("Nguyễn Tấn Vinh", academic_title="PGS", degree="TS")),
        ("PGS, TS. Nguyễn Quốc Dũng", ParsedName("Nguyễn Quốc Dũng", academic_title="PGS", degree="TS")),
        ("NGƯT, TS Huỳnh Thanh Quang", ParsedName("Huỳnh Thanh Quang", honorific="NGƯT", degree="TS")),
        ("NGƯT,TS Huỳnh Thanh Quang", ParsedName("Huỳnh Thanh Quang", honorific="NGƯT", degree="TS")),
        ("TS. Nguyễn Đình Phong", ParsedName("Nguyễn Đình Phong", degree="TS")),
        ("TS Phan Công Khanh", ParsedName("Phan Công Khanh", degree="TS")),
        ("GS, TS. Vũ Văn Hiền", ParsedName("Vũ Văn Hiền", academic_title="GS", degree="TS")),
        ("ThS Nguyễn Văn A", ParsedName("Nguyễn Văn A", degree="ThS")),
        ("NGND, GS, TSKH Trần Văn B", ParsedName("Trần Văn B", "NGND", "GS", "TSKH")),
        ("đồng chí Nguyễn Thị Hồng Hoa", ParsedName("Nguyễn Thị Hồng Hoa")),
        ("Vương Quang Minh", ParsedName("Vương Quang Minh")),
        ("  TS.   Phạm  Thị Pha Lê ", ParsedName("Phạm Thị Pha Lê", degree="TS")),
    ],
)
def test_parse_name_reads_every_written_form_in_the_sources(written, expected):
    assert parse_name(written) == expected


def test_a_name_that_looks_like_a_title_is_kept():
    # "Cn" is also a given-name syllable; a lone token is a name, not a degree.
    assert parse_name("Cn") == ParsedName("Cn")


def test_a_repeated_kind_stops_the_prefix():
    assert parse_name("TS TS Lê Văn") == ParsedName("TS Lê Văn", degree="TS")


@pytest.mark.parametrize(
    ("parts", "rendered"),
    [
        ({"academic_title": "PGS", "degree": "TS"}, "PGS, TS Hoàng Phúc Lâm"),
        ({"honorific": "NGƯT", "degree": "TS"}, "NGƯT, TS Hoàng Phúc Lâm"),
        ({"honorific": "NGƯT", "academic_title": "PGS", "degree": "TS"}, "NGƯT, PGS, TS Hoàng Phúc Lâm"),
        ({}, "Hoàng Phúc Lâm"),
    ],
)
def test_name_with_titles_renders_one_canonical_form(parts, rendered):
    assert name_with_titles("Hoàng Phúc Lâm", **parts) == rendered


def test_every_written_form_renders_the_same_canonical_prefix():
    forms = ["PGS,TS Lê Văn Lợi", "PGS, TS Lê Văn Lợi", "PGS,TS. Lê Văn Lợi", "PGS, TS. Lê Văn Lợi"]
    assert {parse_name(form).prefix for form in forms} == {"PGS, TS"}
