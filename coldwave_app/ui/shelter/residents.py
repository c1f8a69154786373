"""Residents of a shelter now, with their length of stay: sortable, filtered as you
type; Enter opens the resident's card (the same card as on the bed board)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coldwave_app.i18n import _, isolate_auto, isolate_ltr
from coldwave_app.i18n.formatting import format_date, format_number
from coldwave_app.services.shelter import ResidentStay, residents
from coldwave_app.ui.session import Session
from coldwave_app.ui.shelter.context_bar import ContextBar
from coldwave_app.ui.shelter.desk_dialog import DIALOG_STYLE
from coldwave_app.ui.shelter.intake_action import IntakeLauncher
from coldwave_app.ui.shelter.resident_dialog import ResidentDialog
from coldwave_app.ui.widgets import Label, set_action_text

__all__ = ["FILTER_KEY", "ResidentsModel", "ResidentsScreen"]

FILTER_KEY = "Ctrl+Shift+F"
_COLUMNS = ("Name", "Bed", "Arrived on", "Nights since arrival", "Bed nights recorded")
_SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


class ResidentsModel(QAbstractTableModel):
    """Open stays of one shelter (tens of rows: loaded whole)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[ResidentStay] = []

    def load(self, rows: list[ResidentStay]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(_COLUMNS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        resident, column = row.resident, index.column()
        if role == _SORT_ROLE:
            return [
                resident.name.casefold(),
                resident.bed_label or "",
                resident.entry_at,
                row.nights_so_far,
                resident.bed_nights,
            ][column]
        if role == Qt.ItemDataRole.UserRole:
            return resident.stay_id
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 3:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return isolate_auto(resident.name)
        if column == 1:
            return isolate_ltr(resident.bed_label or "—")
        if column == 2:
            return format_date(dt.date.fromisoformat(resident.entry_at[:10]))
        if column == 3:
            return format_number(row.nights_so_far)
        return format_number(resident.bed_nights)


class ResidentsScreen(QWidget):
    """Screen "shelter-residents". `dialog` is the open resident card, if any."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(DIALOG_STYLE)
        self.session = session
        self.now: Callable[[], dt.datetime] = dt.datetime.now
        self.dialog: ResidentDialog | None = None
        self.title = Label(parent=self)
        self.title.setObjectName("sectionHeading")
        self.context = ContextBar(session, self)
        self.context.night_label.hide()
        self.context.night_edit.hide()  # residents are who is here now
        self.context.changed.connect(self.refresh)
        self.filter = QLineEdit(self)
        self.filter.setClearButtonEnabled(True)
        self.model = ResidentsModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(_SORT_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.filter.textChanged.connect(self._filter)
        self.filter.returnPressed.connect(self._filter_enter)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self.open_resident)
        self.filter_action = QAction(self)
        self.filter_action.setShortcut(QKeySequence(FILTER_KEY))
        self.filter_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.filter_action.triggered.connect(lambda: self.filter.setFocus())
        self.addAction(self.filter_action)
        self.count = Label(parent=self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.context)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.intake = IntakeLauncher(
            self, session, lambda: self.context.facility_id, lambda: self.now()
        )
        session.changed.connect(self.refresh)
        self.refresh()
        self.retranslate()
        self.filter.setFocus()

    def refresh(self) -> None:
        facility, today = self.context.facility_id, self.now().date()
        rows = (
            []
            if facility is None
            else self.session.read(lambda s: residents(s, facility_id=facility, as_of=today))
        )
        self.model.load(rows)
        self._show_count()

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._show_count()

    def _filter_enter(self) -> None:
        if self.proxy.rowCount():
            first = self.proxy.index(0, 0)
            self.table.setCurrentIndex(first)
            self.table.setFocus()
            if self.proxy.rowCount() == 1:
                self.open_resident(first)

    def open_resident(self, index: QModelIndex | QPersistentModelIndex) -> ResidentDialog | None:
        """Open the card of the resident on `index` (a proxy index)."""
        stay_id = self.proxy.data(self.proxy.index(index.row(), 0), Qt.ItemDataRole.UserRole)
        facility = self.context.facility_id
        if stay_id is None or facility is None:
            return None
        dialog = ResidentDialog(self.session, str(stay_id), facility, self, now=self.now)
        self.dialog = dialog
        dialog.finished.connect(lambda _r: self._closed(dialog))
        dialog.open()
        return dialog

    def _closed(self, dialog: ResidentDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        self.table.setFocus()

    def _show_count(self) -> None:
        self.count.setText(
            _("Residents shown: {shown} of {total}").format(
                shown=format_number(self.proxy.rowCount()),
                total=format_number(self.model.rowCount()),
            )
        )

    def retranslate(self) -> None:
        self.intake.retranslate()
        self.title.setText(_("Residents"))
        self.context.retranslate()
        self.filter.setPlaceholderText(_("Filter by name or bed…"))
        set_action_text(self.filter_action, _("Filter the list"))
        self.filter.setToolTip(self.filter_action.toolTip())
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(_COLUMNS) - 1)
        self.model.layoutChanged.emit()
        self._show_count()
