"""Inline SVG charts (pure Python, no script, no external resource). Suppressed values are drawn as
grey stubs labelled "< 5"; every chart carries a text alternative and the page shows the same figures
in a table."""

from __future__ import annotations

from html import escape

from rhia.dashboard.indicators import Cell


def column_chart(points: list[tuple[str, Cell]], *, title: str, width: int = 720, height: int = 220) -> str:
    """One column per (label, cell)."""
    if not points:
        return ""
    top, bottom, left = 20, 40, 8
    plot_height = height - top - bottom
    peak = max((cell.value or 0 for _label, cell in points), default=0) or 1
    slot = (width - left * 2) / len(points)
    bar_width = max(slot * 0.7, 2)
    parts = [
        f'<svg class="rhia-chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{left}" y1="{top + plot_height}" x2="{width - left}" y2="{top + plot_height}" stroke="#929292"/>',
    ]
    label_every = max(1, len(points) // 13 + (1 if len(points) % 13 else 0)) if len(points) > 13 else 1
    for index, (label, cell) in enumerate(points):
        x = left + index * slot + (slot - bar_width) / 2
        if cell.suppressed:
            bar_height, css = 6.0, "bar bar--hidden"
        else:
            bar_height, css = plot_height * (cell.value or 0) / peak, "bar"
        y = top + plot_height - bar_height
        parts.append(
            f'<rect class="{css}" x="{x:.1f}" y="{y:.1f}" width="{bar_width:.1f}" height="{bar_height:.1f}">'
            f"<title>{escape(label)} : {escape(cell.display)}</title></rect>"
        )
        parts.append(
            f'<text x="{x + bar_width / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle">{escape(cell.display)}</text>'
        )
        if index % label_every == 0:
            parts.append(
                f'<text x="{x + bar_width / 2:.1f}" y="{top + plot_height + 16}" text-anchor="middle">'
                f"{escape(label)}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)
