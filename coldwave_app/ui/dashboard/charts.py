"""The dashboard's three charts (QtCharts), rebuilt from plain figures on each refresh.

Colours carry meaning only with a legend beside them; bars are labelled with the
language's day-first dates and the app font, so Arabic labels are shaped by Qt.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QApplication, QWidget

from coldwave_app.i18n import _
from coldwave_app.reports.models import CentreLine
from coldwave_app.services.dashboard import DayGiven

__all__ = ["RISK_COLOURS", "ChartPanel"]

RISK_COLOURS = {"red": "#b91c1c", "orange": "#d97706", "yellow": "#ca8a04"}
_KITS, _ITEMS, _TARGET, _REACHED, _OCCUPANCY = (
    "#1f4e79",
    "#6b9bc3",
    "#c9d3dc",
    "#2f7d4f",
    "#1f4e79",
)
MAX_DAYS_SHOWN = 31
"""A season has ~100 days: the chart shows the last month, the table keeps the rest."""


VERTICAL_LABELS_FROM = 6
"""With more bars than this, the category labels are written upwards."""

WEEKLY_FROM_DAYS = 21
"""Longer periods are charted per week (labelled by its first day), not per day."""


VALUE_TICKS = 4


def _nice_step(raw: float) -> float:
    """The smallest of 1, 2, 2.5, 3, 4, 5 × 10^k at least `raw` (at least 1)."""
    if raw <= 1:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 3, 4, 5, 10):
        if factor * magnitude >= raw:
            return float(factor * magnitude)
    return float(10 * magnitude)


def _small_font() -> QFont:
    font = QFont(QApplication.font())
    font.setPointSize(max(font.pointSize() - 3, 8))
    return font


def _by_week(days: Sequence[DayGiven]) -> list[DayGiven]:
    weeks: dict[dt.date, list[float]] = {}
    for day in days:
        monday = day.day - dt.timedelta(days=day.day.weekday())
        totals = weeks.setdefault(monday, [0.0, 0.0])
        totals[0] += day.kits
        totals[1] += day.items
    return [DayGiven(monday, kits, items) for monday, (kits, items) in sorted(weeks.items())]


class ChartPanel(QChartView):
    """One chart with a title; `show_*` replaces its content."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(240)
        self.setChart(QChart())

    def _fresh(self, title: str) -> QChart:
        chart = QChart()
        font = _small_font()
        chart.setFont(font)
        chart.setTitle(title)
        title_font = QFont(font)
        title_font.setPointSize(font.pointSize() + 1)
        title_font.setBold(True)
        chart.setTitleFont(title_font)
        chart.legend().setFont(font)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        return chart

    def _bars(
        self,
        title: str,
        categories: Sequence[str],
        sets: Sequence[tuple[str, str, Sequence[float]]],
        *,
        maximum: float | None = None,
    ) -> QChart:
        chart = self._fresh(title)
        series = QBarSeries()
        for label, colour, values in sets:
            bar_set = QBarSet(label)
            bar_set.setColor(QColor(colour))
            bar_set.setBorderColor(QColor(colour))
            for value in values:
                bar_set.append(float(value))
            series.append(bar_set)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append(list(categories))
        axis_x.setLabelsFont(_small_font())
        if len(categories) > VERTICAL_LABELS_FROM:
            axis_x.setLabelsAngle(-90)  # dates stay whole instead of turning into "…"
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)
        axis_y = QValueAxis()
        top = max([max(values, default=0) for _l, _c, values in sets], default=0)
        step = _nice_step((maximum if maximum is not None else top) / (VALUE_TICKS - 1))
        axis_y.setRange(0, step * (VALUE_TICKS - 1))
        # Few ticks: the bundled font is tall, and QtCharts elides crowded labels to "…".
        axis_y.setTickCount(VALUE_TICKS)
        axis_y.setLabelFormat("%.0f")
        axis_y.setLabelsFont(_small_font())
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_y)
        chart.legend().setVisible(len(sets) > 1)
        self.setChart(chart)
        return chart

    def show_given(self, days: Sequence[DayGiven]) -> QChart:
        weekly = len(days) > 1 and (days[-1].day - days[0].day).days >= WEEKLY_FROM_DAYS
        shown = _by_week(days) if weekly else list(days)[-MAX_DAYS_SHOWN:]
        title = _("Kits and items given per week") if weekly else _("Kits and items given per day")
        return self._bars(
            title,
            [d.day.strftime("%d/%m") for d in shown] or ["—"],
            [
                (_("Kits"), _KITS, [d.kits for d in shown] or [0]),
                (_("Items"), _ITEMS, [d.items for d in shown] or [0]),
            ],
        )

    def show_risk(self, by_risk: dict[str, tuple[int, int]], level_names: dict[str, str]) -> QChart:
        levels = list(by_risk)
        return self._bars(
            _("Households reached against the target, by risk level"),
            [level_names.get(lvl, lvl) for lvl in levels] or ["—"],
            [
                (_("Target"), _TARGET, [by_risk[lvl][0] for lvl in levels] or [0]),
                (_("Reached"), _REACHED, [by_risk[lvl][1] for lvl in levels] or [0]),
            ],
        )

    def show_occupancy(self, centres: Sequence[CentreLine], lang: str) -> QChart:
        names = [(c.name_ar if lang == "ar" else c.name_fr) or c.name_fr for c in centres]
        return self._bars(
            _("Occupancy per centre (%)"),
            names or ["—"],
            [(_("Occupancy"), _OCCUPANCY, [round(c.occupancy * 100) for c in centres] or [0])],
            maximum=100,
        )
