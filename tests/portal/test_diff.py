from portal.lib.diff import html_diff


def test_a_changed_word_is_marked_alone():
    assert html_diff("Hội nghị sơ kết", "Hội nghị tổng kết") == "Hội nghị <del>sơ</del><ins>tổng</ins> kết"


def test_identical_texts_have_no_marks():
    assert html_diff("Đảng ủy", "Đảng ủy") == "Đảng ủy"


def test_everything_is_escaped_but_the_marks():
    diff = html_diff("<p>a</p>", '<p>a</p><script>alert("x")</script>')

    assert diff == "&lt;p&gt;a&lt;/p&gt;<ins>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</ins>"


def test_a_tag_counts_as_a_word_so_an_added_image_is_seen():
    old = "<p>Tin</p>"
    new = '<p>Tin</p><figure class="image"><img src="/media/a.jpg"></figure>'

    assert html_diff(old, new, markup=True) == (
        "&lt;p&gt;Tin&lt;/p&gt;<ins>\n&lt;figure class=&quot;image&quot;&gt;"
        "&lt;img src=&quot;/media/a.jpg&quot;&gt;&lt;/figure&gt;</ins>"
    )


def test_markup_starts_each_block_on_a_new_line():
    assert (
        html_diff("", "<p>Một</p><p>Hai</p>", markup=True)
        == "<ins>&lt;p&gt;Một&lt;/p&gt;\n&lt;p&gt;Hai&lt;/p&gt;</ins>"
    )


def test_text_only_in_the_old_version_is_deleted():
    assert html_diff("Tin mới nhất hôm nay", "Tin hôm nay") == "Tin<del> mới nhất</del> hôm nay"
