import pytest

from portal.lib.text import clean_plain_text, fold, slugify_vi, strip_diacritics


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("Đảng ủy Học viện", "dang uy hoc vien"),
        ("NGƯT, TS Huỳnh Thanh Quang", "ngut, ts huynh thanh quang"),
        ("Học viện Chính trị khu vực IV", "hoc vien chinh tri khu vuc iv"),
        ("Ban Tuyên giáo Tỉnh ủy Nghệ An", "ban tuyen giao tinh uy nghe an"),
        ("Tây Nam Bộ", "tay nam bo"),
        ("PGS,TS Phạm Đức Kiên", "pgs,ts pham duc kien"),
        ("  Hội   nghị\tsơ kết ", "hoi nghi so ket"),
    ],
)
def test_fold_strips_marks_lowercases_and_maps_d(written, folded):
    assert fold(written) == folded


def test_fold_is_stable_across_unicode_normal_forms():
    import unicodedata

    composed = unicodedata.normalize("NFC", "Nguyễn Đình Phong")
    decomposed = unicodedata.normalize("NFD", "Nguyễn Đình Phong")
    assert composed != decomposed
    assert fold(composed) == fold(decomposed) == "nguyen dinh phong"


def test_strip_diacritics_keeps_case():
    assert strip_diacritics("Đảng ủy Học viện") == "Dang uy Hoc vien"


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Đảng ủy Học viện", "dang-uy-hoc-vien"),
        (
            "Hội nghị công bố các Quyết định của Ban Chỉ đạo 35",
            "hoi-nghi-cong-bo-cac-quyet-dinh-cua-ban-chi-dao-35",
        ),
        ("Nghị quyết số 35-NQ/TW ngày 22/10/2018", "nghi-quyet-so-35-nq-tw-ngay-22-10-2018"),
        ("Ban Tuyên giáo Tỉnh ủy Nghệ An", "ban-tuyen-giao-tinh-uy-nghe-an"),
        ("Học viện Chính trị khu vực II", "hoc-vien-chinh-tri-khu-vuc-ii"),
        (
            "“Về tăng cường bảo vệ nền tảng tư tưởng của Đảng”",
            "ve-tang-cuong-bao-ve-nen-tang-tu-tuong-cua-dang",
        ),
    ],
)
def test_slugify_vi_folds_d_and_joins_words_with_hyphens(title, slug):
    assert slugify_vi(title) == slug


def test_slugify_vi_cuts_at_a_word_boundary():
    slug = slugify_vi("Hội nghị Sơ kết việc thực hiện Quy chế phối hợp", max_length=20)
    assert slug == "hoi-nghi-so-ket-viec"
    assert slugify_vi("Hội nghị Sơ kết", max_length=10) == "hoi-nghi"


def test_slugify_vi_of_nothing_sluggable_is_empty():
    assert slugify_vi("“ / ”") == ""


@pytest.mark.parametrize(
    ("written", "multiline", "stored"),
    [
        ("  Báo cáo\x00 sơ kết\x1b ", True, "Báo cáo sơ kết"),
        ("dòng 1\r\ndòng 2\rdòng 3\u2028dòng 4", True, "dòng 1\ndòng 2\ndòng 3\ndòng 4"),
        ("cột\tcột\x07", True, "cột\tcột"),
        ("Một là,\nthứ nhất\tnữa", False, "Một là, thứ nhất nữa"),
        ("\x00\x01 \n\t ", True, ""),
    ],
)
def test_clean_plain_text_drops_control_characters_and_normalises_breaks(written, multiline, stored):
    assert clean_plain_text(written, multiline=multiline) == stored


def test_clean_plain_text_composes_vietnamese_letters():
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Nghị quyết")
    assert clean_plain_text(decomposed) == "Nghị quyết"
    assert len(clean_plain_text(decomposed)) == len("Nghị quyết")
