import pytest

from portal.lib.text import fold, slugify_vi, strip_diacritics


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
