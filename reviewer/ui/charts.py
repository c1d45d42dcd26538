"""Server-rendered SVG charts: findings per week by category, and the share of reviews passing.

Pure functions from numbers to SVG text, so the repository page needs no JavaScript and the
charts can be snapshot-tested. Every chart carries a ``<title>``/``<desc>`` for screen readers
and a ``<title>`` per mark (the browser shows it as a tooltip); the page also renders the same
numbers as a table, because a chart alone is not accessible.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE: dict[str, str] = {
    "validation": "#D55E00",
    "secrets": "#CC79A7",
    "access-control": "#0072B2",
    "crypto": "#E69F00",
    "config": "#009E73",
    "dependencies": "#56B4E9",
}
FALLBACK_COLOURS = ("#999999", "#F0E442", "#000000")
AXIS = "#44475a"
GRID = "#d0d3dc"


@dataclass(frozen=True)
class Frame:
    """Chart geometry: the plot area inside the margins."""

    width: int = 640
    height: int = 240
    left: int = 44
    right: int = 12
    top: int = 16
    bottom: int = 40

    @property
    def plot_w(self) -> float:
        return self.width - self.left - self.right

    @property
    def plot_h(self) -> float:
        return self.height - self.top - self.bottom


def colour_for(category: str, index: int = 0) -> str:
    """Fixed colour per category so that every chart on every page agrees."""
    return PALETTE.get(category, FALLBACK_COLOURS[index % len(FALLBACK_COLOURS)])


def count_axis_max(value: float, ticks: int = 4) -> int:
    """An axis maximum for counts: ``ticks`` equal whole-number steps of a round size.

    Counts of findings are whole, so the grid never shows 0.5 of a finding.
    """
    need = max(1, math.ceil(value / ticks))
    if need <= 5:
        step = need
    elif need < 10:
        step = need + need % 2
    else:
        unit = 5 * 10 ** (len(str(need)) - 2)
        step = math.ceil(need / unit) * unit
    return step * ticks


def _svg_open(frame: Frame, chart_id: str, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {frame.width} {frame.height}" '
        f'role="img" aria-labelledby="{chart_id}-t {chart_id}-d" focusable="false">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>',
    ]


def _y_axis(frame: Frame, top_value: int, fmt: str = "{:g}") -> list[str]:
    parts: list[str] = []
    for i in range(5):
        value = top_value * i / 4
        y = frame.top + frame.plot_h * (1 - i / 4)
        parts.append(
            f'<line x1="{frame.left}" x2="{frame.width - frame.right}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{frame.left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="{AXIS}">{escape(fmt.format(value))}</text>'
        )
    return parts


def _x_labels(frame: Frame, labels: Sequence[str], centre: Callable[[int], float]) -> list[str]:
    # Thin labels out so they never overlap: at most about one per 70 px.
    every = max(1, round(len(labels) * 70 / frame.plot_w))
    out: list[str] = []
    for i, label in enumerate(labels):
        if i % every:
            continue
        out.append(
            f'<text x="{centre(i):.1f}" y="{frame.height - frame.bottom + 16}" text-anchor="middle" '
            f'font-size="11" fill="{AXIS}">{escape(label)}</text>'
        )
    return out


def stacked_bars(
    labels: Sequence[str],
    series: Mapping[str, Sequence[int]],
    *,
    chart_id: str,
    title: str,
    frame: Frame | None = None,
) -> Markup:
    """A stacked bar per label (week), one segment per series (category)."""
    frame = frame or Frame()
    totals = [sum(values[i] for values in series.values()) for i in range(len(labels))]
    top_value = count_axis_max(max(totals, default=0))
    desc = (
        f"{sum(totals)} findings over {len(labels)} weeks; busiest week {max(totals, default=0)}."
        if labels
        else "No data yet."
    )
    parts = _svg_open(frame, chart_id, title, desc)
    parts += _y_axis(frame, top_value)
    slot = frame.plot_w / max(1, len(labels))
    bar_w = max(2.0, slot * 0.7)

    def centre(i: int) -> float:
        return frame.left + slot * i + slot / 2

    for i, label in enumerate(labels):
        y = frame.top + frame.plot_h
        for index, (name, values) in enumerate(series.items()):
            value = values[i]
            if value <= 0:
                continue
            h = frame.plot_h * value / top_value
            y -= h
            parts.append(
                f'<rect x="{centre(i) - bar_w / 2:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{colour_for(name, index)}">'
                f"<title>{escape(label)}: {value} {escape(name)}</title></rect>"
            )
    parts += _x_labels(frame, labels, centre)
    parts.append(
        f'<line x1="{frame.left}" x2="{frame.left}" y1="{frame.top}" y2="{frame.top + frame.plot_h}" '
        f'stroke="{AXIS}"/>'
    )
    if not labels:
        parts.append(
            f'<text x="{frame.width / 2}" y="{frame.height / 2}" text-anchor="middle" fill="{AXIS}">'
            "No reviews in this period</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every interpolated text is escaped above


def share_line(
    labels: Sequence[str],
    shares: Sequence[float | None],
    *,
    chart_id: str,
    title: str,
    frame: Frame | None = None,
) -> Markup:
    """A line of a 0..1 share per label; ``None`` (no reviews that week) breaks the line."""
    frame = frame or Frame()
    known = [s for s in shares if s is not None]
    desc = (
        f"Share of reviews passing per week, from {known[0]:.0%} to {known[-1]:.0%}."
        if known
        else "No data yet."
    )
    parts = _svg_open(frame, chart_id, title, desc)
    parts += _y_axis(frame, 100, "{:g}%")
    slot = frame.plot_w / max(1, len(labels))

    def centre(i: int) -> float:
        return frame.left + slot * i + slot / 2

    def y_of(share: float) -> float:
        return frame.top + frame.plot_h * (1 - share)

    segment: list[str] = []
    segments: list[list[str]] = []
    for i, share in enumerate(shares):
        if share is None:
            if segment:
                segments.append(segment)
            segment = []
            continue
        segment.append(f"{centre(i):.1f},{y_of(share):.1f}")
    if segment:
        segments.append(segment)
    for points in segments:
        parts.append(
            f'<polyline fill="none" stroke="#0072B2" stroke-width="2.5" points="{" ".join(points)}"/>'
        )
    for i, (label, share) in enumerate(zip(labels, shares, strict=True)):
        if share is None:
            continue
        parts.append(
            f'<circle cx="{centre(i):.1f}" cy="{y_of(share):.1f}" r="4" fill="#0072B2">'
            f"<title>{escape(label)}: {share:.0%} passing</title></circle>"
        )
    parts += _x_labels(frame, labels, centre)
    if not known:
        parts.append(
            f'<text x="{frame.width / 2}" y="{frame.height / 2}" text-anchor="middle" fill="{AXIS}">'
            "No reviews in this period</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every interpolated text is escaped above
