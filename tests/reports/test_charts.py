"""The SVG charts drawn on the server: well-formed, accessible, escaped, one bar per figure."""

import xml.etree.ElementTree as ET

import pytest

from reports.charts import (
    PALETTE,
    Series,
    at_most,
    bars_and_line,
    horizontal_bars,
    month_label,
    number,
    stacked_bars,
)

NS = {"svg": "http://www.w3.org/2000/svg"}
MONTHS = ["01/2021", "02/2021", "03/2021", "04/2021", "05/2021", "06/2021"]


def parsed(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - the code under test wrote it


def texts(root: ET.Element, css_class: str) -> list[str]:
    return [t.text for t in root.iterfind(".//svg:text", NS) if css_class in t.get("class", "").split()]


def bars(root: ET.Element) -> list[ET.Element]:
    return [r for r in root.iterfind(".//svg:rect", NS) if "chart-bar" in r.get("class", "").split()]


def test_month_label_and_numbers_are_written_as_in_vietnamese():
    assert month_label("2021-01") == "01/2021"
    assert [number(2948), number(0), number(12.5), number(1234.5), number(1_000_000)] == [
        "2.948", "0", "12,5", "1.234,5", "1.000.000"
    ]  # fmt: skip


def test_stacked_bars_draw_one_segment_per_non_zero_figure_with_totals_and_a_legend():
    svg = stacked_bars(
        title="Sự kiện theo tháng",
        labels=MONTHS,
        series=[Series("Hội nghị", [0, 0, 0, 0, 1, 0]), Series("Hội thảo", [2, 0, 1, 0, 3, 0])],
    )
    root = parsed(svg)
    assert (root.get("role"), root.find("svg:title", NS).text) == ("img", "Sự kiện theo tháng")
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find("svg:title", NS).get("id") == title_id
    assert root.find("svg:desc", NS).get("id") == desc_id
    assert root.find("svg:desc", NS).text.startswith(
        "01/2021: Hội nghị 0, Hội thảo 2; 02/2021: Hội nghị 0, Hội thảo 0"
    )
    assert len(bars(root)) == 4
    assert [b.find("svg:title", NS).text for b in bars(root)] == [
        "Hội thảo: 2", "Hội thảo: 1", "Hội nghị: 1", "Hội thảo: 3"
    ]  # fmt: skip
    assert texts(root, "chart-value") == ["2", "1", "4"]
    assert texts(root, "chart-axis-x") == MONTHS
    assert texts(root, "chart-legend") == ["Hội nghị", "Hội thảo"]
    # The May bar stacks 1 on 3: the segments touch and together reach the total's height.
    may = [b for b in bars(root) if b.get("x") == bars(root)[-1].get("x")]
    assert float(may[0].get("y")) == pytest.approx(float(may[1].get("y")) + float(may[1].get("height")))


def test_eight_kinds_get_eight_fills_the_last_four_hatched_for_grey_print():
    series = [Series(f"Loại {k}", [k + 1]) for k in range(8)]
    root = parsed(stacked_bars(title="t", labels=["01/2021"], series=series))
    fills = [b.get("fill") for b in bars(root)]
    assert len(set(fills)) == 8
    assert fills[:4] == list(PALETTE[:4])
    assert all(fill.startswith("url(#chart-") for fill in fills[4:])
    assert len(root.findall(".//svg:defs/svg:pattern", NS)) == 4


def test_more_kinds_than_colours_are_folded_into_other():
    series = [Series(f"Loại {k}", [1, k]) for k in range(10)]
    folded = at_most(series, other="Khác")
    assert [s.label for s in folded] == [f"Loại {k}" for k in range(7)] + ["Khác"]
    assert folded[-1].values == [3, 7 + 8 + 9]
    with pytest.raises(ValueError, match="8 series apart, not 10"):
        stacked_bars(title="t", labels=["a", "b"], series=series)


def test_series_must_have_a_value_per_label():
    with pytest.raises(ValueError, match="has 2 values for 6 labels"):
        stacked_bars(title="t", labels=MONTHS, series=[Series("Hội nghị", [1, 2])])


def test_bars_and_line_draw_articles_on_the_left_scale_and_views_on_the_right():
    root = parsed(
        bars_and_line(
            title="Bài viết",
            labels=MONTHS,
            bars=Series("Bài viết đã đăng", [0, 1, 0, 0, 1, 0]),
            line=Series("Lượt xem", [0, 120, 0, 0, 2948, 0]),
        )
    )
    assert len(bars(root)) == 2
    assert len(root.findall(".//svg:polyline", NS)[0].get("points").split()) == 6
    assert len(root.findall(".//svg:circle", NS)) == 6
    assert texts(root, "chart-value-line") == ["120", "2.948"]
    assert texts(root, "chart-axis-right") == ["0", "1.000", "2.000", "3.000", "4.000"]
    assert texts(root, "chart-legend") == ["Bài viết đã đăng", "Lượt xem (trục phải)"]


def test_horizontal_bars_draw_one_bar_per_status_the_largest_full_width():
    root = parsed(
        horizontal_bars(title="Nhiệm vụ", items=[("Đã hoàn thành", 4), ("Quá hạn", 1), ("Chưa làm", 0)])
    )
    assert texts(root, "chart-label") == ["Đã hoàn thành", "Quá hạn", "Chưa làm"]
    assert texts(root, "chart-value") == ["4", "1", "0"]
    widths = [float(b.get("width")) for b in bars(root)]
    assert widths[0] == pytest.approx(4 * widths[1])
    assert "chart--hbars" in root.get("class").split()


def test_charts_of_nothing_say_so():
    zeros = [Series("Hội nghị", [0] * 6)]
    assert texts(parsed(stacked_bars(title="t", labels=MONTHS, series=zeros)), "chart-empty") == [
        "Không có dữ liệu trong kỳ"
    ]
    assert texts(parsed(horizontal_bars(title="t", items=[])), "chart-empty") == ["Không có dữ liệu trong kỳ"]


def test_every_text_is_escaped_and_no_style_attribute_is_used():
    hostile = '<script>alert("x")</script> & co'
    svgs = [
        stacked_bars(title=hostile, labels=[hostile], series=[Series(hostile, [1])]),
        bars_and_line(title=hostile, labels=[hostile], bars=Series(hostile, [1]), line=Series(hostile, [2])),
        horizontal_bars(title=hostile, items=[(hostile, 1)]),
    ]
    for svg in svgs:
        root = parsed(svg)
        assert "<script" not in svg
        assert "style=" not in svg
        assert root.find("svg:title", NS).text == hostile


def test_the_same_chart_gets_the_same_ids_and_another_chart_others():
    args = {"title": "t", "labels": ["01/2021"], "series": [Series("a", [1])]}
    first, again = parsed(stacked_bars(**args)), parsed(stacked_bars(**args))
    other = parsed(stacked_bars(**{**args, "title": "u"}))
    assert first.get("aria-labelledby") == again.get("aria-labelledby") != other.get("aria-labelledby")
