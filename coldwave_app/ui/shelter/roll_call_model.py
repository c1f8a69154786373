"""The roll-call sheet as a table model: one row per resident of the night, ticked
(present) by default; rows whose night is already recorded are shown ticked and locked.

A shelter holds tens of residents, so the whole sheet is loaded at once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from coldwave_app.i18n import _, isolate_auto, isolate_ltr
from coldwave_app.i18n.formatting import format_date
from coldwave_app.services.shelter_desk import SheetRow
from coldwave_app.ui.shelter.bed_tile import nights_text

__all__ = ["COLUMNS", "RollCallModel"]

COLUMNS = ("Present", "Bed", "Name", "Since", "Tonight")
_Index = QModelIndex | QPersistentModelIndex


class RollCallModel(QAbstractTableModel):
    """Rows of the sheet and who is unticked. `present_ids()` is what a confirm records."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[SheetRow] = []
        self.absent: set[str] = set()
        self.night = dt.date.today()

    def load(self, rows: list[SheetRow], night: dt.date, absent: set[str]) -> None:
        self.beginResetModel()
        self.rows, self.night = rows, night
        self.absent = absent  # shared with the screen, which keeps it per night
        self.endResetModel()

    # --- choices ------------------------------------------------------------------

    def toggle(self, row: int) -> None:
        if not 0 <= row < len(self.rows) or self.rows[row].recorded:
            return
        person = self.rows[row].person_id
        self.absent.symmetric_difference_update({person})
        first, last = self.index(row, 0), self.index(row, len(COLUMNS) - 1)
        self.dataChanged.emit(first, last)

    def present_ids(self) -> set[str]:
        """Ticked residents whose night is not recorded yet."""
        return {r.person_id for r in self.rows if not r.recorded and r.person_id not in self.absent}

    def pending(self) -> int:
        return sum(1 for r in self.rows if not r.recorded)

    def recorded(self) -> int:
        return sum(1 for r in self.rows if r.recorded)

    # --- Qt model -----------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0 and not self.rows[index.row()].recorded:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        present = row.recorded or row.person_id not in self.absent
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            return Qt.CheckState.Checked if present else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and row.recorded:
            return QBrush(QColor("#5f6368"))
        if role == Qt.ItemDataRole.ForegroundRole and not present:
            return QBrush(QColor("#9a3412"))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return _("Present") if present else _("Missing")
        if column == 1:
            return isolate_ltr(row.bed_label or "—")
        if column == 2:
            return isolate_auto(row.name)
        if column == 3:
            entry = dt.date.fromisoformat(row.entry_at[:10])
            nights = max((self.night - entry).days, 0)
            return f"{format_date(entry)} · {nights_text(nights)}"
        return _("Recorded") if row.recorded else _("Not recorded yet")

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        row = self.rows[index.row()]
        if row.recorded:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        if checked == (row.person_id not in self.absent):
            return False
        self.toggle(index.row())
        return True
