import pytest

from portal.lib.search import highlight, query_words, search_key, snippet


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("hoi nghi so ket", ["hoi", "nghi", "so", "ket"]),
        ("Hội nghị sơ kết", ["hoi", "nghi", "so", "ket"]),
        ("dang uy", ["dang", "uy"]),
        ("ĐẢNG ỦY", ["dang", "uy"]),
        ("Đảng uy", ["dang", "uy"]),
        ("  Nghị quyết 35-NQ/TW, nghị quyết! ", ["nghi", "quyet", "35", "nq", "tw"]),
        ("<script>alert(1)</script>", ["script", "alert", "1"]),
        ("\x00", []),
    ],
)
def test_query_words_are_folded_distinct_and_in_order(typed, folded):
    assert query_words(typed) == folded


def test_a_query_is_cut_to_twelve_words_of_forty_letters():
    words = query_words(" ".join(f"tu{n}" for n in range(100)) + " " + "a" * 10_000)

    assert words == [f"tu{n}" for n in range(12)]
    assert query_words("b" * 10_000) == ["b" * 40]


def test_search_key_holds_whole_words_between_spaces():
    assert search_key("Đảng ủy Học viện") == " dang uy hoc vien "
    assert search_key("") == "  "


def test_highlight_marks_words_typed_without_diacritics_and_escapes_the_rest():
    assert highlight("Hội nghị sơ kết <b>Đảng ủy</b>", ["dang", "uy", "so"]) == (
        "Hội nghị <mark>sơ</mark> kết &lt;b&gt;<mark>Đảng</mark> <mark>ủy</mark>&lt;/b&gt;"
    )


def test_highlight_marks_whole_words_only():
    assert highlight("Sở và số so", ["so"]) == "<mark>Sở</mark> và <mark>số</mark> <mark>so</mark>"
    assert highlight("Sơn La", ["so"]) == "Sơn La"


def test_highlight_reads_decomposed_text_as_composed():
    decomposed = "Đa\u0309ng u\u0309y"  # "Đảng ủy" with combining marks

    assert highlight(decomposed, ["uy"]) == "Đảng <mark>ủy</mark>"


def test_snippet_is_cut_around_the_first_word_found_with_ellipses():
    text = " ".join(["mở đầu"] * 60) + " Đảng ủy họp " + " ".join(["kết thúc"] * 60)

    cut = snippet(text, ["uy"], length=80)

    assert cut.startswith("…") and cut.endswith("…")
    assert "<mark>ủy</mark>" in cut
    assert len(cut.replace("<mark>", "").replace("</mark>", "")) <= 82


def test_snippet_without_a_word_found_is_the_start_of_the_text():
    assert snippet("Một hai ba", ["bon"], length=80) == "Một hai ba"
