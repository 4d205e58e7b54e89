"""Charts drawn on the server as SVG: no script, no library, print as they show.

The manager's pages need a few bar, line and heat-map charts; drawn here they work with
JavaScript off, in a printed monthly report and in any browser, and a test can read
their numbers back from the markup.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

W, H, PAD = 720, 240, 40


def _frame(title: str, body: str, height: int = H) -> str:
    return (
        f'<svg class="chart" viewBox="0 0 {W} {height}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>{body}</svg>'
    )


def bars(
    title: str,
    labels: Sequence[str],
    values: Sequence[float],
    unit: str = "",
    css: str = "bar",
    counts: bool = False,
) -> str:
    """Vertical bars; ``css`` is the bars' class, ``counts`` writes each value above its bar."""
    top = max([*values, 1])
    n = max(len(values), 1)
    step = (W - 2 * PAD) / n
    parts = [f'<line x1="{PAD}" y1="{H - PAD}" x2="{W - PAD}" y2="{H - PAD}" class="axis"/>']
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        h = (H - 2 * PAD) * value / top
        x = PAD + i * step + step * 0.15
        parts.append(
            f'<rect x="{x:.1f}" y="{H - PAD - h:.1f}" width="{step * 0.7:.1f}" height="{h:.1f}" '
            f'class="{css}" data-value="{value:g}"><title>{escape(label)}: {value:g}{unit}</title></rect>'
        )
        if counts:
            parts.append(
                f'<text x="{x + step * 0.35:.1f}" y="{H - PAD - h - 4:.1f}" class="tick"'
                f' text-anchor="middle">{value:g}</text>'
            )
        if i % max(1, -(-n // 12)) == 0:  # at most 12 labels
            parts.append(
                f'<text x="{x + step * 0.35:.1f}" y="{H - PAD + 14}" class="tick">{escape(label)}</text>'
            )
    if not counts:  # with counts on the bars the scale is said by them
        parts.append(f'<text x="{PAD}" y="{PAD - 10}" class="tick">max {top:g}{unit}</text>')
    return _frame(title, "".join(parts))


def lines(
    title: str, labels: Sequence[str], series: Mapping[str, Sequence[float | None]], unit: str = ""
) -> str:
    values = [v for s in series.values() for v in s if v is not None]
    top = max([*values, 1])
    n = max(len(labels), 2)
    step = (W - 2 * PAD) / (n - 1)
    parts = [f'<line x1="{PAD}" y1="{H - PAD}" x2="{W - PAD}" y2="{H - PAD}" class="axis"/>']
    for k, (name, data) in enumerate(series.items()):
        points = [
            f"{PAD + i * step:.1f},{H - PAD - (H - 2 * PAD) * v / top:.1f}"
            for i, v in enumerate(data)
            if v is not None
        ]
        parts.append(f'<polyline points="{" ".join(points)}" class="line s{k}"/>')
        parts.append(
            f'<text x="{W - PAD - 160}" y="{PAD + 14 * k}" class="legend s{k}">{escape(name)}</text>'
        )
    for i, label in enumerate(labels):
        if i % max(1, -(-len(labels) // 12)) == 0:  # at most 12 labels
            parts.append(
                f'<text x="{PAD + i * step:.1f}" y="{H - PAD + 14}" class="tick">{escape(label)}</text>'
            )
    parts.append(f'<text x="{PAD}" y="{PAD - 10}" class="tick">max {top:g}{unit}</text>')
    return _frame(title, "".join(parts))


def heatmap(
    title: str, rows: Sequence[str], cols: Sequence[str], cells: dict[tuple[int, int], int]
) -> str:
    top = max([*cells.values(), 1])
    cw = (W - 2 * PAD - 60) / max(len(cols), 1)
    ch = 22
    height = PAD + ch * len(rows) + 30
    parts = []
    for j, col in enumerate(cols):
        parts.append(
            f'<text x="{PAD + 60 + j * cw + 2:.1f}" y="{PAD - 6}" class="tick">{escape(col)}</text>'
        )
    for i, row in enumerate(rows):
        parts.append(
            f'<text x="{PAD - 30}" y="{PAD + i * ch + 15}" class="tick">{escape(row)}</text>'
        )
        for j in range(len(cols)):
            v = cells.get((i, j), 0)
            alpha = 0.08 + 0.92 * v / top if v else 0.0
            parts.append(
                f'<rect x="{PAD + 60 + j * cw:.1f}" y="{PAD + i * ch}" width="{cw - 2:.1f}" height="{ch - 2}" '
                f'class="cell" fill-opacity="{alpha:.2f}" data-value="{v}"><title>{escape(row)} '
                f"{escape(cols[j])}: {v}</title></rect>"
            )
    return _frame(title, "".join(parts), height)
