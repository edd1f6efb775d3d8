"""Inline SVG charts of the weekly report: no script, no CDN, one self-contained page.

Pure: each function takes plain numbers and returns SVG markup (labels escaped). The page
puts every chart beside a table of the same numbers, so a screen reader or a text browser
reads the table; the SVG carries `role="img"` and a title.
"""

from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 640, 320
MARGIN = {"left": 48, "right": 16, "top": 16, "bottom": 36}
# Twelve distinguishable colours (Tableau 10 plus two), cycled for larger leagues.
PALETTE = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
    "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#1f77b4", "#8c564b",
)  # fmt: skip
HIGHLIGHT = "#111111"


@dataclass(frozen=True)
class Series:
    label: str
    points: list[tuple[float, float]]  # (x, y)
    highlight: bool = False


def _scale(value: float, low: float, high: float, out_low: float, out_high: float) -> float:
    if high == low:
        return (out_low + out_high) / 2
    return out_low + (value - low) * (out_high - out_low) / (high - low)


def _frame(title: str, body: list[str], chart_id: str) -> SafeString:
    return mark_safe(  # noqa: S308 - every label below went through escape()
        f'<svg class="chart" id="{escape(chart_id)}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="{escape(chart_id)}-title" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>' + "".join(body) + "</svg>"
    )


def _axes(x_ticks: list[tuple[float, str]], y_ticks: list[tuple[float, str]]) -> list[str]:
    left, bottom = MARGIN["left"], HEIGHT - MARGIN["bottom"]
    parts = [
        f'<line x1="{left}" y1="{MARGIN["top"]}" x2="{left}" y2="{bottom}" stroke="#888"/>',
        f'<line x1="{left}" y1="{bottom}" x2="{WIDTH - MARGIN["right"]}" y2="{bottom}" '
        'stroke="#888"/>',
    ]
    for x, label in x_ticks:
        parts.append(
            f'<text x="{x:.1f}" y="{bottom + 16}" font-size="11" text-anchor="middle">'
            f"{escape(label)}</text>"
        )
    for y, label in y_ticks:
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - MARGIN["right"]}" y2="{y:.1f}" '
            'stroke="#eee"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end">'
            f"{escape(label)}</text>"
        )
    return parts


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    if high == low:
        return [low]
    step = (high - low) / (count - 1)
    return [low + i * step for i in range(count)]


def line_chart(series: list[Series], *, title: str, chart_id: str) -> SafeString:
    """Points by week per team: one polyline per series, the highlighted one thick and dark."""
    xs = [x for s in series for x, _ in s.points] or [0.0]
    ys = [y for s in series for _, y in s.points] or [0.0]
    x_low, x_high = min(xs), max(xs)
    y_low, y_high = min(0.0, min(ys)), max(ys) * 1.05 or 1.0
    left, right = MARGIN["left"], WIDTH - MARGIN["right"]
    top, bottom = MARGIN["top"], HEIGHT - MARGIN["bottom"]

    def at(x: float, y: float) -> str:
        px, py = _scale(x, x_low, x_high, left, right), _scale(y, y_low, y_high, bottom, top)
        return f"{px:.1f},{py:.1f}"

    body = _axes(
        [(_scale(x, x_low, x_high, left, right), f"W{int(x)}") for x in sorted(set(xs))],
        [(_scale(y, y_low, y_high, bottom, top), f"{y:.0f}") for y in _ticks(y_low, y_high)],
    )
    ordered = sorted(series, key=lambda s: s.highlight)  # the highlighted team drawn last
    for index, one in enumerate(ordered):
        colour = HIGHLIGHT if one.highlight else PALETTE[index % len(PALETTE)]
        width = 3.5 if one.highlight else 1.5
        path = " ".join(at(x, y) for x, y in one.points)
        body.append(
            f'<polyline class="series" fill="none" stroke="{colour}" stroke-width="{width}" '
            f'points="{path}"><title>{escape(one.label)}</title></polyline>'
        )
    return _frame(title, body, chart_id)


def bar_chart(
    bars: list[tuple[str, float, bool]], *, title: str, chart_id: str, maximum: float = 1.0
) -> SafeString:
    """Horizontal bars (label, value in 0..maximum, highlighted), e.g. playoff odds."""
    row = (HEIGHT - MARGIN["top"] - MARGIN["bottom"]) / max(len(bars), 1)
    left, right = 160, WIDTH - MARGIN["right"] - 48
    body = []
    for index, (label, value, highlight) in enumerate(bars):
        y = MARGIN["top"] + index * row
        length = _scale(value, 0, maximum, 0, right - left)
        colour = HIGHLIGHT if highlight else PALETTE[0]
        body.append(
            f'<text x="{left - 6}" y="{y + row * 0.65:.1f}" font-size="11" text-anchor="end">'
            f"{escape(label)}</text>"
            f'<rect class="bar" x="{left}" y="{y + row * 0.15:.1f}" width="{length:.1f}" '
            f'height="{row * 0.7:.1f}" fill="{colour}"><title>{escape(label)}: '
            f"{value:.0%}</title></rect>"
            f'<text x="{left + length + 4:.1f}" y="{y + row * 0.65:.1f}" font-size="11">'
            f"{value:.0%}</text>"
        )
    return _frame(title, body, chart_id)


def scatter_chart(
    dots: list[tuple[str, float, float, bool]],
    *,
    title: str,
    chart_id: str,
    x_label: str,
    y_label: str,
) -> SafeString:
    """Labelled dots (label, x, y, highlighted), e.g. points for against wins (luck)."""
    xs = [x for _, x, _, _ in dots] or [0.0]
    ys = [y for _, _, y, _ in dots] or [0.0]
    x_low, x_high = min(xs) * 0.97, max(xs) * 1.03 or 1.0
    y_low, y_high = 0.0, max(max(ys), 1.0)
    left, right = MARGIN["left"], WIDTH - MARGIN["right"]
    top, bottom = MARGIN["top"], HEIGHT - MARGIN["bottom"]
    body = _axes(
        [(_scale(x, x_low, x_high, left, right), f"{x:.0f}") for x in _ticks(x_low, x_high)],
        [(_scale(y, y_low, y_high, bottom, top), f"{y:g}") for y in _ticks(y_low, y_high)],
    )
    body.append(
        f'<text x="{(left + right) / 2:.0f}" y="{HEIGHT - 4}" font-size="11" '
        f'text-anchor="middle">{escape(x_label)}</text>'
        f'<text x="12" y="{(top + bottom) / 2:.0f}" font-size="11" text-anchor="middle" '
        f'transform="rotate(-90 12 {(top + bottom) / 2:.0f})">{escape(y_label)}</text>'
    )
    for label, x, y, highlight in dots:
        cx, cy = _scale(x, x_low, x_high, left, right), _scale(y, y_low, y_high, bottom, top)
        colour = HIGHLIGHT if highlight else PALETTE[0]
        body.append(
            f'<circle class="dot" cx="{cx:.1f}" cy="{cy:.1f}" r="{6 if highlight else 4}" '
            f'fill="{colour}"><title>{escape(label)}</title></circle>'
            f'<text x="{cx + 7:.1f}" y="{cy + 4:.1f}" font-size="10">{escape(label)}</text>'
        )
    return _frame(title, body, chart_id)
