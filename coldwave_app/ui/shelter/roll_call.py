"""The nightly roll call on one screen: everyone of the night listed and present by
default; Space unticks who is missing; Ctrl+Enter records the bed nights.

Recording again only adds the nights still missing (services/shelter.py), and who
was unticked stays unticked on this screen, so a second confirm (a late arrival
ticked back in) records that person alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coldwave_app.domain.errors import ColdwaveError
from coldwave_app.i18n import _, translate_error
from coldwave_app.i18n.formatting import format_number
from coldwave_app.services.shelter import record_roll_call
from coldwave_app.services.shelter_desk import roll_call_sheet
from coldwave_app.ui.session import Session
from coldwave_app.ui.shelter.context_bar import ContextBar
from coldwave_app.ui.shelter.desk_dialog import DIALOG_STYLE
from coldwave_app.ui.shelter.intake_action import IntakeLauncher
from coldwave_app.ui.shelter.roll_call_model import RollCallModel
from coldwave_app.ui.widgets import Label, set_action_text, set_button_text

__all__ = ["CONFIRM_KEY", "RollCallScreen", "SheetView"]

CONFIRM_KEY = "Ctrl+Return"


class SheetView(QTableView):
    """The sheet's table: Space toggles the current row, whatever column it is on."""

    def __init__(self, model: RollCallModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sheet = model
        self.setModel(model)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.modifiers():
            index = self.currentIndex()
            if index.isValid():
                self.sheet.toggle(index.row())
            return
        super().keyPressEvent(event)


class RollCallScreen(QWidget):
    """Screen "shelter-rollcall"."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(DIALOG_STYLE)
        self.session = session
        self.now: Callable[[], dt.datetime] = dt.datetime.now
        # Who was unticked, per (shelter, night), kept while the app runs.
        self._absent: dict[tuple[str, dt.date], set[str]] = {}
        self.title = Label(parent=self)
        self.title.setObjectName("sectionHeading")
        self.context = ContextBar(session, self)
        self.context.changed.connect(self.refresh)
        self.help = Label(parent=self)
        self.help.setWordWrap(True)
        self.model = RollCallModel()
        self.model.dataChanged.connect(lambda *_a: self._show_counts())
        self.table = SheetView(self.model, self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.counts = Label(parent=self)
        self.message = Label(parent=self)
        self.message.setObjectName("formMessage")
        self.message.setWordWrap(True)
        self.confirm_action = QAction(self)
        self.confirm_action.setShortcuts([QKeySequence(CONFIRM_KEY), QKeySequence("Ctrl+Enter")])
        self.confirm_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.confirm_action.triggered.connect(self.confirm)
        self.addAction(self.confirm_action)
        self.confirm_button = QPushButton(self)
        self.confirm_button.setAutoDefault(False)
        self.confirm_button.clicked.connect(self.confirm_action.trigger)
        bottom = QHBoxLayout()
        bottom.addWidget(self.counts, 1)
        bottom.addWidget(self.confirm_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.context)
        layout.addWidget(self.help)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.message)
        self.intake = IntakeLauncher(
            self, session, lambda: self.context.facility_id, lambda: self.now()
        )
        session.changed.connect(self.refresh)
        self.refresh()
        self.retranslate()

    def _key(self) -> tuple[str, dt.date] | None:
        facility = self.context.facility_id
        return None if facility is None else (facility, self.context.night)

    def refresh(self) -> None:
        row = max(self.table.currentIndex().row(), 0)
        key = self._key()
        if key is None:
            self.model.load([], self.context.night, set())
        else:
            facility, night = key
            rows = self.session.read(
                lambda s: roll_call_sheet(s, facility_id=facility, night=night)
            )
            self.model.load(rows, night, self._absent.setdefault(key, set()))
        if self.model.rowCount():  # the reset lost the current row: put it back
            self.table.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1), 0))
        self._show_counts()

    def confirm(self) -> None:
        """Record a bed night for every ticked resident not recorded yet."""
        key = self._key()
        if key is None:
            return
        facility, night = key
        present = self.model.present_ids()
        missing = self.model.pending() - len(present)
        if not present:
            if self.model.pending():
                self._say(_("Nothing to record: everyone left is marked missing."))
            else:
                self._say(_("The roll call of this night is already recorded."))
            return
        try:
            result = self.session.write(
                lambda s: record_roll_call(
                    s, facility_id=facility, night=night, now=self.now(), present=present
                )
            )
        except ColdwaveError as err:
            self._say(translate_error(err), error=True)
            return
        self._say(
            _("Bed nights recorded: {n}. Marked missing: {missing}.").format(
                n=format_number(len(result.recorded)), missing=format_number(missing)
            )
        )

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setProperty("error", error)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)

    def _show_counts(self) -> None:
        model = self.model
        present = len(model.present_ids())
        self.counts.setText(
            _(
                "Residents: {total} · present: {present} · missing: {missing} · "
                "already recorded: {recorded}"
            ).format(
                total=format_number(model.rowCount()),
                present=format_number(present),
                missing=format_number(model.pending() - present),
                recorded=format_number(model.recorded()),
            )
        )

    def retranslate(self) -> None:
        self.intake.retranslate()
        self.title.setText(_("Roll call"))
        self.context.retranslate()
        self.help.setText(
            _(
                "Everyone is present unless you untick them: arrows to move, Space to "
                "untick who is missing, Ctrl+Enter to record the night."
            )
        )
        set_action_text(self.confirm_action, _("Record the roll call"))
        set_button_text(self.confirm_button, _("Record the roll call"))
        self.confirm_button.setToolTip(self.confirm_action.toolTip())
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 4)
        self.model.layoutChanged.emit()
        self._show_counts()
