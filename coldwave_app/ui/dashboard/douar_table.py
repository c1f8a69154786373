"""The targeted douars as a sortable table: gap to target first, risk shown in words and colour."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from coldwave_app.domain.errors import N_
from coldwave_app.i18n import _, current_language, isolate_auto
from coldwave_app.i18n.formatting import format_number
from coldwave_app.services.dashboard import DouarGap
from coldwave_app.ui.dashboard.charts import RISK_COLOURS

__all__ = ["COLUMNS", "RISK_NAMES", "DouarGapModel", "DouarGapTable"]

_Index = QModelIndex | QPersistentModelIndex

COLUMNS: Final = (
    N_("Douar"),
    N_("Code"),
    N_("Risk level"),
    N_("Target households"),
    N_("Households reached"),
    N_("Gap to target"),
)
RISK_NAMES: Final = {"red": N_("Red"), "orange": N_("Orange"), "yellow": N_("Yellow")}
SORT_ROLE: Final = Qt.ItemDataRole.UserRole + 1


class DouarGapModel(QAbstractTableModel):
    """Rows of DouarGap; numbers sort as numbers (SORT_ROLE), blanks last."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[DouarGap] = []

    def set_rows(self, rows: Sequence[DouarGap]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == SORT_ROLE:
            return self._key(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == 2:
            return QColor(RISK_COLOURS.get(row.risk_level, "#333333"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 3:
            return int(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: DouarGap, column: int) -> str:
        if column == 0:
            return isolate_auto(row.name_ar if current_language() == "ar" else row.name_fr)
        if column == 1:
            return row.code
        if column == 2:
            return _(RISK_NAMES.get(row.risk_level, row.risk_level))
        value = (row.target_households, row.reached_households, row.gap)[column - 3]
        return "—" if value is None else format_number(value)

    def _key(self, row: DouarGap, column: int) -> Any:
        if column <= 1:
            return self._text(row, column)
        if column == 2:
            return (
                ("red", "orange", "yellow").index(row.risk_level)
                if row.risk_level
                in (
                    "red",
                    "orange",
                    "yellow",
                )
                else 9
            )
        value = (row.target_households, row.reached_households, row.gap)[column - 3]
        return -1 if value is None else value

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(COLUMNS) - 1)
            )


class DouarGapTable(QTableView):
    """Click a header (or Ctrl+Shift+G on the dashboard) to sort; gap to target first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("douarGapTable")
        self.source = DouarGapModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.source)
        self.proxy.setSortRole(SORT_ROLE)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.sortByColumn(5, Qt.SortOrder.DescendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            self.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents
            )

    def show_rows(self, rows: Sequence[DouarGap]) -> None:
        self.source.set_rows(rows)

    def displayed_codes(self) -> list[str]:
        """Douar codes in the order shown (tests, keyboard users' screen readers)."""
        return [str(self.proxy.index(r, 1).data()) for r in range(self.proxy.rowCount())]
