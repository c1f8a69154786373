"""Charts for the PDF reports, drawn with reportlab.graphics.

reportlab's String does not shape Arabic: every label goes through visual_line. In
a right-to-left report the categories are reversed here so the first one sits on the
right.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from coldwave_app.i18n.arabic_pdf import visual_line
from coldwave_app.reports.pdf_kit import BOLD, REGULAR

__all__ = ["bar_chart", "line_chart"]

BAR: tuple[colors.Color, ...] = (colors.HexColor("#3b6ea5"),)


def _title(drawing: Drawing, title: str, width: float, height: float) -> None:
    drawing.add(
        String(
            width / 2,
            height - 11,
            visual_line(title, "auto"),
            fontName=BOLD,
            fontSize=9,
            textAnchor="middle",
        )
    )


def bar_chart(
    title: str,
    labels: Sequence[str],
    values: Sequence[float],
    *,
    rtl: bool,
    width: float,
    height: float = 150,
) -> Drawing:
    """One bar per category, values above the bars."""
    names = [visual_line(label, "auto") for label in labels]
    data = list(values)
    if rtl:
        names.reverse()
        data.reverse()
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 34, 34
    chart.width, chart.height = width - 44, height - 62
    chart.data = [data or [0]]
    chart.categoryAxis.categoryNames = names or [""]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.angle = 30 if len(names) > 6 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(names) > 6 else "n"
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = BAR[0]
    chart.barLabelFormat = "%.0f"
    chart.barLabels.fontName = REGULAR
    chart.barLabels.fontSize = 6
    chart.barLabels.nudge = 6
    drawing.add(chart)
    _title(drawing, title, width, height)
    return drawing


def line_chart(
    title: str,
    labels: Sequence[str],
    values: Sequence[float],
    *,
    rtl: bool,
    width: float,
    height: float = 150,
    every: int = 7,
) -> Drawing:
    """A line over ordered categories (nights), one label in `every`."""
    names = [label if n % every == 0 else "" for n, label in enumerate(labels)]
    data = list(values)
    if rtl:
        names.reverse()
        data.reverse()
    drawing = Drawing(width, height)
    chart = HorizontalLineChart()
    chart.x, chart.y = 34, 30
    chart.width, chart.height = width - 44, height - 56
    chart.data = [data or [0]]
    chart.categoryAxis.categoryNames = names or [""]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.lines[0].strokeColor = BAR[0]
    chart.lines[0].strokeWidth = 1.2
    drawing.add(chart)
    _title(drawing, title, width, height)
    return drawing
