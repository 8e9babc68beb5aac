"""Charts drawn on the server as accessible SVG: no script, no library, no inline style.

Each function takes plain data (labels and series of numbers) and returns the markup of one
`<svg role="img">` with a `<title>` and a `<desc>` that reads the figures out, text labels on
the bars, and every text escaped. Colours are presentation attributes (`fill=`), so a chart
reads without any stylesheet; the classes (`chart`, `chart-bar`, `chart-s0`…) let
static/css/charts.css restyle them. Series 4–7 are hatched so that eight kinds stay apart in
grey print, where the colours alone would not.

The printable summary and the leaders' dashboard draw with these; month labels come as
"01/2021" (`month_label`).
"""

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

# Okabe–Ito's colour-blind safe palette, darkest first and alternating dark and light, so
# that neighbours in a stack differ in lightness too; 4–7 repeat the hues hatched.
PALETTE = ("#0b4f8a", "#e69f00", "#009e73", "#f0e442", "#56b4e9", "#d55e00", "#cc79a7", "#555555")
HATCHED_FROM = 4
LINE_COLOUR = "#b8331f"
MAX_SERIES = len(PALETTE)

WIDTH = 640
NARROW = 480  # horizontal bars: a few rows, drawn half as tall as wide would be tiny
FONT = 12
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 40


@dataclass(frozen=True)
class Series:
    """A named row of numbers, one per label."""

    label: str
    values: Sequence[int | float]


def month_label(month: str) -> str:
    """ "2021-01" (as the snapshot stores months) → "01/2021"."""
    year, _, number = month.partition("-")
    return f"{number}/{year}"


def number(value: int | float) -> str:
    """A figure as Vietnamese write it: 2.948 (dot between thousands), 12,5."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def at_most(series: Sequence[Series], *, other: str, limit: int = MAX_SERIES) -> list[Series]:
    """`series` when `limit` or fewer, else the first `limit - 1` and the rest summed as `other`."""
    if len(series) <= limit:
        return list(series)
    rest = series[limit - 1 :]
    summed = [sum(s.values[i] for s in rest) for i in range(len(rest[0].values))]
    return [*series[: limit - 1], Series(other, summed)]


def stacked_bars(*, title: str, labels: Sequence[str], series: Sequence[Series]) -> SafeString:
    """One bar per label, stacked by series (events per month by kind), with a legend.

    Segments of zero are not drawn; each bar's total is written above it."""
    _check(labels, series)
    totals = [sum(s.values[i] for s in series) for i in range(len(labels))]
    legend_rows = math.ceil(len(series) / 3)
    height = TOP + 200 + BOTTOM + legend_rows * 20
    plot = _Plot(left=LEFT, top=TOP, width=WIDTH - LEFT - RIGHT, height=200, maximum=max(totals, default=0))
    uid = _uid("stacked", title, labels, series)
    parts = [_open(uid, title, height, _describe(labels, series)), _defs(uid, len(series))]
    parts += plot.grid()
    slot = plot.width / max(len(labels), 1)
    bar = min(slot * 0.6, 48)
    for i in range(len(labels)):
        x = plot.left + slot * i + (slot - bar) / 2
        base = 0.0
        for k, s in enumerate(series):
            value = s.values[i]
            if value:
                y0, y1 = plot.y(base), plot.y(base + value)
                parts.append(
                    _rect(x, y1, bar, y0 - y1, f"chart-bar chart-s{k}", _fill(uid, k), s.label, value)
                )
                base += value
        if totals[i]:
            parts.append(
                _text(x + bar / 2, plot.y(totals[i]) - 4, number(totals[i]), "chart-value", "middle")
            )
    parts += _x_labels(plot, labels)
    parts += _legend(uid, [s.label for s in series], top=plot.top + plot.height + 30)
    if not any(totals):
        parts.append(_empty(plot))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above went through escape()


def bars_and_line(*, title: str, labels: Sequence[str], bars: Series, line: Series) -> SafeString:
    """Bars on the left scale and a line on the right one (articles published, and their views).

    Two scales because views run a hundred times the articles; each axis is named after its
    series in the legend and the line's points carry their figures."""
    _check(labels, [bars, line])
    height = TOP + 200 + BOTTOM + 24
    plot = _Plot(
        left=LEFT, top=TOP, width=WIDTH - LEFT - LEFT, height=200, maximum=max(bars.values, default=0)
    )
    right = _Plot(left=LEFT, top=TOP, width=plot.width, height=200, maximum=max(line.values, default=0))
    uid = _uid("barline", title, labels, [bars, line])
    parts = [_open(uid, title, height, _describe(labels, [bars, line])), _defs(uid, 1)]
    parts += plot.grid()
    for tick in right.ticks():
        parts.append(
            _text(
                plot.left + plot.width + 6,
                right.y(tick) + 4,
                number(tick),
                "chart-axis chart-axis-right",
                "start",
            )
        )
    slot = plot.width / max(len(labels), 1)
    bar = min(slot * 0.5, 40)
    points = []
    for i, value in enumerate(bars.values):
        x = plot.left + slot * i + (slot - bar) / 2
        if value:
            y = plot.y(value)
            parts.append(
                _rect(x, y, bar, plot.y(0) - y, "chart-bar chart-s0", _fill(uid, 0), bars.label, value)
            )
            inside = plot.y(0) - y > 18
            parts.append(
                _text(
                    x + bar / 2,
                    y + 14 if inside else y - 4,
                    number(value),
                    "chart-value",
                    "middle",
                    inside=inside,
                )
            )
        points.append((plot.left + slot * i + slot / 2, right.y(line.values[i]), line.values[i]))
    if points:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points)
        parts.append(
            f'<polyline class="chart-line" points="{path}" fill="none" '
            f'stroke="{LINE_COLOUR}" stroke-width="2"/>'
        )
    for x, y, value in points:
        parts.append(
            f'<circle class="chart-point" cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{LINE_COLOUR}">'
            f"<title>{escape(line.label)}: {escape(number(value))}</title></circle>"
        )
        if value:
            parts.append(_text(x + 6, y - 6, number(value), "chart-value chart-value-line", "start"))
    parts += _x_labels(plot, labels)
    parts += _legend(uid, [bars.label], top=plot.top + plot.height + 30)
    legend_x = LEFT + 200
    legend_y = plot.top + plot.height + 30
    parts.append(
        f'<line class="chart-line" x1="{legend_x}" y1="{legend_y + 6}" '
        f'x2="{legend_x + 14}" y2="{legend_y + 6}" '
        f'stroke="{LINE_COLOUR}" stroke-width="2"/>'
    )
    parts.append(
        _text(
            legend_x + 20,
            legend_y + 10,
            gettext("%(series)s (right scale)") % {"series": line.label},
            "chart-legend",
            "start",
        )
    )
    if not any(bars.values) and not any(line.values):
        parts.append(_empty(plot))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above went through escape()


def horizontal_bars(*, title: str, items: Sequence[tuple[str, int | float]]) -> SafeString:
    """One bar per (label, figure), longest scale first as given (agreements or tasks by status)."""
    row, label_width = 26, 180
    height = TOP + max(len(items), 1) * row + 8
    width = NARROW - label_width - RIGHT - 40
    maximum = max((value for _, value in items), default=0)  # no axis: the longest bar fills the width
    uid = _uid("hbars", title, [label for label, _ in items], [Series("", [v for _, v in items])])
    description = "; ".join(f"{label}: {number(value)}" for label, value in items)
    parts = [_open(uid, title, height, description, width=NARROW, kind="chart--hbars")]
    parts.append(_defs(uid, len(items)))
    for i, (label, value) in enumerate(items):
        y = TOP + i * row
        parts.append(_text(label_width - 8, y + row / 2 + 2, label, "chart-label", "end"))
        length = width * value / maximum if maximum else 0
        if value:
            parts.append(
                _rect(
                    label_width, y + 4, length, row - 10, f"chart-bar chart-s{i}", _fill(uid, i), label, value
                )
            )
        parts.append(_text(label_width + length + 6, y + row / 2 + 2, number(value), "chart-value", "start"))
    if not items:
        parts.append(
            _text(NARROW / 2, TOP + row / 2, gettext("No records in this period"), "chart-empty", "middle")
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above went through escape()


# --- drawing --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Plot:
    """The plotting area and its linear scale from 0 to a round maximum."""

    left: float
    top: float
    width: float
    height: float
    maximum: float

    @property
    def top_value(self) -> float:
        return _nice_ceiling(self.maximum)

    def y(self, value: float) -> float:
        return self.top + self.height - self.height * value / self.top_value

    def ticks(self) -> list[float]:
        step = self.top_value / 4
        return [step * i for i in range(5)]

    def grid(self) -> list[str]:
        parts = []
        for tick in self.ticks():
            y = self.y(tick)
            parts.append(
                f'<line class="chart-grid" x1="{self.left}" y1="{y:.1f}" x2="{self.left + self.width}" '
                f'y2="{y:.1f}" stroke="#cccccc" stroke-width="1"/>'
            )
            parts.append(_text(self.left - 6, y + 4, number(tick), "chart-axis", "end"))
        return parts


def _nice_ceiling(value: float) -> float:
    """The smallest of 4, 8, 12, 20, 40… (four even ticks of 1, 2, 3, 5 × 10ⁿ) at or above `value`."""
    if value <= 0:
        return 4
    for magnitude in range(12):
        for step in (1, 2, 3, 5):
            top = 4 * step * 10**magnitude
            if top >= value:
                return top
    return value


def _check(labels: Sequence[str], series: Sequence[Series]) -> None:
    if len(series) > MAX_SERIES:
        raise ValueError(f"a chart tells {MAX_SERIES} series apart, not {len(series)}")
    for s in series:
        if len(s.values) != len(labels):
            raise ValueError(f"series {s.label!r} has {len(s.values)} values for {len(labels)} labels")


def _uid(kind: str, title: str, labels: Sequence[str], series: Sequence[Series]) -> str:
    """An id for the chart's title and patterns, the same for the same chart: two charts on one
    page never share one unless they are the same drawing."""
    digest = hashlib.sha256(
        repr((kind, title, list(labels), [(s.label, list(s.values)) for s in series])).encode()
    )
    return f"chart-{digest.hexdigest()[:10]}"


def _open(
    uid: str, title: str, height: float, description: str, *, width: int = WIDTH, kind: str = "chart--columns"
) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {kind}" viewBox="0 0 {width} {height:.0f}" '
        f'role="img" aria-labelledby="{uid}-title {uid}-desc" font-size="{FONT}" font-family="sans-serif">'
        f'<title id="{uid}-title">{escape(title)}</title><desc id="{uid}-desc">{escape(description)}</desc>'
    )


def _describe(labels: Sequence[str], series: Sequence[Series]) -> str:
    """The figures in words for screen readers: "01/2021: Hội nghị 0, Hội thảo 2; 02/2021: …"."""
    return "; ".join(
        f"{label}: " + ", ".join(f"{s.label} {number(s.values[i])}" for s in series)
        for i, label in enumerate(labels)
    )


def _defs(uid: str, count: int) -> str:
    patterns = [
        f'<pattern id="{uid}-p{k}" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{PALETTE[k % MAX_SERIES]}"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2"/></pattern>'
        for k in range(HATCHED_FROM, min(count, MAX_SERIES))
    ]
    return f"<defs>{''.join(patterns)}</defs>" if patterns else ""


def _fill(uid: str, k: int) -> str:
    k %= MAX_SERIES
    return f"url(#{uid}-p{k})" if k >= HATCHED_FROM else PALETTE[k]


def _rect(x: float, y: float, w: float, h: float, classes: str, fill: str, label: str, value: float) -> str:
    return (
        f'<rect class="{classes}" x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{fill}" '
        f'stroke="#ffffff" stroke-width="1"><title>{escape(label)}: {escape(number(value))}</title></rect>'
    )


def _text(x: float, y: float, text: str, classes: str, anchor: str, *, inside: bool = False) -> str:
    """A text; `inside` a dark bar, white."""
    if inside:
        classes, fill = f"{classes} chart-value-inside", ' fill="#ffffff"'
    else:
        fill = ""
    return (
        f'<text class="{classes}" x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{fill}>{escape(text)}</text>'
    )


def _x_labels(plot: _Plot, labels: Sequence[str]) -> list[str]:
    """The labels under the bars; past twelve, every n-th so that they do not overlap."""
    slot = plot.width / max(len(labels), 1)
    every = max(1, math.ceil(len(labels) / 12))
    return [
        _text(
            plot.left + slot * i + slot / 2,
            plot.top + plot.height + 16,
            label,
            "chart-axis chart-axis-x",
            "middle",
        )
        for i, label in enumerate(labels)
        if i % every == 0
    ]


def _legend(uid: str, names: Sequence[str], *, top: float) -> list[str]:
    parts = []
    for k, name in enumerate(names):
        x = LEFT + (k % 3) * 190
        y = top + (k // 3) * 20
        parts.append(
            f'<rect class="chart-swatch chart-s{k}" x="{x}" y="{y:.1f}" width="12" height="12" '
            f'fill="{_fill(uid, k)}" stroke="#333333" stroke-width="0.5"/>'
        )
        parts.append(_text(x + 18, y + 10, name, "chart-legend", "start"))
    return parts


def _empty(plot: _Plot) -> str:
    return _text(
        plot.left + plot.width / 2,
        plot.top + plot.height / 2,
        gettext("No records in this period"),
        "chart-empty",
        "middle",
    )
