"""The campaign lead's dashboard: cold-alert banner, headline figures, three charts, douar gaps.

The figures are read off the UI thread (a whole season takes a few seconds) and the
screen keeps showing the previous ones until the new ones arrive.
Keys: Alt+1 today, Alt+2 this week, Alt+3 the campaign, Ctrl+Shift+A declare or lift
the cold alert, Alt+R the review queue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coldwave_app.domain.errors import N_, ColdwaveError
from coldwave_app.i18n import _, current_language, translate_error
from coldwave_app.i18n.formatting import format_date, format_number, format_percent
from coldwave_app.services.cold_alert import lift_cold_alert
from coldwave_app.services.dashboard import Dashboard, dashboard_data, period_bounds
from coldwave_app.ui.dashboard.alert_dialog import ColdAlertDialog
from coldwave_app.ui.dashboard.charts import ChartPanel
from coldwave_app.ui.dashboard.douar_table import RISK_NAMES, DouarGapTable
from coldwave_app.ui.dashboard.review_dialog import ReviewDialog
from coldwave_app.ui.session import BackgroundJob, Session
from coldwave_app.ui.widgets import Label, screen_action, set_action_text

__all__ = ["FIGURES", "PERIOD_KEYS", "DashboardScreen"]

PERIOD_KEYS: Final = (
    ("today", N_("Today"), "Alt+1"),
    ("week", N_("This week"), "Alt+2"),
    ("campaign", N_("Campaign"), "Alt+3"),
)

FIGURES: Final = (
    ("persons_sheltered", N_("Persons sheltered")),
    ("bed_nights", N_("Bed nights")),
    ("occupancy", N_("Occupancy")),
    ("meals", N_("Meals served")),
    ("households_reached", N_("Households reached")),
    ("persons_reached", N_("Persons reached")),
    ("encounters", N_("Street encounters")),
    ("referrals", N_("Referrals sent")),
)

_STYLE: Final = """
QFrame#figureTile { background: palette(base); border: 1px solid palette(midlight);
    border-radius: 8px; }
QLabel#figureValue { font-size: 20pt; font-weight: bold; color: #1f4e79; }
QLabel#figureCaption { color: #4a5560; }
QFrame#alertBanner[level="red"] { background: #fde2e2; border: 1px solid #b91c1c; }
QFrame#alertBanner[level="orange"] { background: #fdebd3; border: 1px solid #d97706; }
QFrame#alertBanner[level="yellow"] { background: #fdf6c9; border: 1px solid #ca8a04; }
QFrame#alertBanner[level="none"] { background: palette(base); border: 1px solid palette(midlight); }
QFrame#alertBanner { border-radius: 6px; }
QLabel#alertText { font-weight: bold; }
"""


class FigureTile(QFrame):
    """One headline figure: the number, large, above its label."""

    def __init__(self, caption_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figureTile")
        self.caption_id = caption_id
        self.value = Label("—", self)
        self.value.setObjectName("figureValue")
        self.caption = Label(parent=self)
        self.caption.setObjectName("figureCaption")
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def retranslate(self) -> None:
        self.caption.setText(_(self.caption_id))


class DashboardScreen(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("dashboardScreen")
        self.setStyleSheet(_STYLE)
        self.period = "today"
        self.board: Dashboard | None = None
        self._job: BackgroundJob | None = None
        self._pending = False

        self.banner = QFrame(self)
        self.banner.setObjectName("alertBanner")
        self.banner.setProperty("level", "none")
        self.alert_text = Label(parent=self.banner)
        self.alert_text.setObjectName("alertText")
        self.alert_text.setWordWrap(True)
        self.alert_action = self._action("Ctrl+Shift+A", self.toggle_alert)
        self.alert_button = QPushButton(self.banner)
        self.alert_button.setObjectName("alertButton")
        self.alert_button.clicked.connect(self.alert_action.trigger)
        banner_row = QHBoxLayout(self.banner)
        banner_row.setContentsMargins(12, 8, 12, 8)
        banner_row.addWidget(self.alert_text, 1)
        banner_row.addWidget(self.alert_button)

        self.period_group = QActionGroup(self)
        self.period_group.setExclusive(True)
        self.period_actions: dict[str, QAction] = {}
        self.period_buttons: dict[str, QToolButton] = {}
        periods = QHBoxLayout()
        for key, _title, keys in PERIOD_KEYS:
            action = self._action(keys, lambda _c=False, k=key: self.set_period(k))
            action.setCheckable(True)
            action.setChecked(key == self.period)
            self.period_group.addAction(action)
            self.period_actions[key] = action
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.period_buttons[key] = button
            periods.addWidget(button)
        self.period_label = Label(parent=self)
        self.period_label.setObjectName("periodLabel")
        periods.addSpacing(12)
        periods.addWidget(self.period_label, 1)
        self.review_action = self._action("Alt+R", self.open_review)
        self.review_button = QPushButton(self)
        self.review_button.setObjectName("reviewButton")
        self.review_button.clicked.connect(self.review_action.trigger)
        periods.addWidget(self.review_button)

        self.tiles: dict[str, FigureTile] = {}
        tiles = QGridLayout()
        tiles.setSpacing(10)
        for index, (key, caption) in enumerate(FIGURES):
            tile = FigureTile(caption, self)
            self.tiles[key] = tile
            tiles.addWidget(tile, index // 4, index % 4)

        self.given_chart = ChartPanel(self)
        self.risk_chart = ChartPanel(self)
        self.occupancy_chart = ChartPanel(self)
        charts = QHBoxLayout()
        for chart in (self.given_chart, self.risk_chart, self.occupancy_chart):
            charts.addWidget(chart, 1)

        self.douar_heading = Label(parent=self)
        self.douar_heading.setObjectName("sectionHeading")
        self.douars = DouarGapTable(self)
        self.douars.setMinimumHeight(260)
        self.message = Label(parent=self)
        self.message.setObjectName("dashboardMessage")

        body = QWidget(self)
        column = QVBoxLayout(body)
        column.setContentsMargins(16, 12, 16, 12)
        column.setSpacing(10)
        column.addWidget(self.banner)
        column.addLayout(periods)
        column.addWidget(self.message)
        column.addLayout(tiles)
        column.addLayout(charts)
        column.addWidget(self.douar_heading)
        column.addWidget(self.douars, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        session.changed.connect(self.refresh)
        self.retranslate()
        self.refresh()

    def _action(self, keys: str, slot: Callable[..., object]) -> QAction:
        return screen_action(self, keys, slot)

    # -- data --------------------------------------------------------------------

    def set_period(self, period: str) -> None:
        self.period = period
        self.period_actions[period].setChecked(True)
        self.refresh()

    def refresh(self) -> BackgroundJob | None:
        """Read the figures in the background; a refresh asked meanwhile runs after it."""
        if self._job is not None:
            self._pending = True
            return None
        period = self.period
        self.message.setText(_("Reading the figures…"))
        self._job = self.session.run(
            lambda store, _job: dashboard_data(store, period=period),
            on_done=self._show,
            on_error=self._failed,
        )
        return self._job

    def _finished(self) -> None:
        self._job = None
        if self._pending:
            self._pending = False
            self.refresh()

    def _failed(self, error: BaseException) -> None:
        self.message.setText(
            translate_error(error) if isinstance(error, ColdwaveError) else str(error)
        )
        self._finished()

    def _show(self, board: Dashboard) -> None:
        self.board = board
        self.message.setText("")
        self._show_board()
        self._finished()

    def _show_board(self) -> None:
        board = self.board
        if board is None:
            return
        lang = current_language()
        s = board.sitrep
        values = {
            "persons_sheltered": format_number(s.persons_sheltered),
            "bed_nights": format_number(s.bed_nights),
            "occupancy": format_percent(s.occupancy),
            "meals": format_number(round(s.meals.get("total", 0))),
            "households_reached": format_number(s.households_reached),
            "persons_reached": format_number(s.persons_reached),
            "encounters": format_number(s.encounters),
            "referrals": format_number(s.referrals_sent),
        }
        for key, tile in self.tiles.items():
            tile.value.setText(values[key])
        if board.start == board.end:
            self.period_label.setText(format_date(board.start, style="long"))
        else:
            self.period_label.setText(
                _("{start} to {end}").format(
                    start=format_date(board.start, style="long"),
                    end=format_date(board.end, style="long"),
                )
            )
        self.given_chart.show_given(board.given_per_day)
        self.risk_chart.show_risk(
            board.households_by_risk, {k: _(v) for k, v in RISK_NAMES.items()}
        )
        self.occupancy_chart.show_occupancy(s.centres, lang)
        self.douars.show_rows(board.douars)
        self._show_alert()
        pending = sum(board.review_counts.values())
        self.review_button.setText(
            _("Review queue ({n})").format(n=format_number(pending))
            if pending
            else _("Review queue")
        )
        self.review_button.setToolTip(self.review_action.toolTip())

    def _show_alert(self) -> None:
        board = self.board
        alert = board.alert if board is not None else None
        level = alert.level if alert is not None else "none"
        if alert is None:
            self.alert_text.setText(_("No cold alert in force."))
            set_action_text(self.alert_action, _("Declare a cold alert…"))
        else:
            since = format_date(alert.starts_on, style="long")
            if alert.ends_on is not None:
                text = _("Cold alert ({level}) from {start} to {end}: overflow beds are open.")
                text = text.format(
                    level=_(RISK_NAMES.get(alert.level, alert.level)),
                    start=since,
                    end=format_date(alert.ends_on, style="long"),
                )
            else:
                text = _("Cold alert ({level}) since {start}: overflow beds are open.").format(
                    level=_(RISK_NAMES.get(alert.level, alert.level)), start=since
                )
            self.alert_text.setText(text)
            set_action_text(self.alert_action, _("Lift the alert"))
        self.alert_button.setText(self.alert_action.text())
        self.alert_button.setToolTip(self.alert_action.toolTip())
        if self.banner.property("level") != level:
            self.banner.setProperty("level", level)
            self.banner.style().unpolish(self.banner)
            self.banner.style().polish(self.banner)

    # -- actions -------------------------------------------------------------------

    def toggle_alert(self) -> QWidget | None:
        """Declare an alert (dialog) when none is in force, else lift the one in force."""
        board = self.board
        if board is None:
            return None
        if board.alert is None:
            day = self.session.read(lambda s: period_bounds(s, "today")[0])
            dialog = ColdAlertDialog(
                self.session, day=day, province=board.province_code, parent=self
            )
            dialog.open()
            return dialog
        alert_id = board.alert.alert_id
        lifted_at = dt.datetime.combine(board.end, dt.time(hour=12))
        try:
            self.session.write(lambda s: lift_cold_alert(s, alert_id=alert_id, at=lifted_at))
        except ColdwaveError as err:
            self.message.setText(translate_error(err))
        return None

    def open_review(self) -> ReviewDialog:
        dialog = ReviewDialog(self.session, self)
        dialog.finished.connect(lambda _r: self.refresh())
        dialog.open()
        return dialog

    def retranslate(self) -> None:
        for key, title, _keys in PERIOD_KEYS:
            set_action_text(self.period_actions[key], _(title))
        set_action_text(self.review_action, _("Review queue"))
        for tile in self.tiles.values():
            tile.retranslate()
        self.douar_heading.setText(_("Targeted douars, by gap to target"))
        self.douars.source.retranslate()
        self._show_alert()
        self._show_board()
