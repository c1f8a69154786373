"""The case list as a lazy table model: pages of 200 cases read as the view scrolls.

A province can hold thousands of case files; only the rows the view asks for are
read (canFetchMore/fetchMore), and a filter change starts again from the top.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from coldwave_app.domain.errors import N_
from coldwave_app.i18n import _
from coldwave_app.services import case_desk
from coldwave_app.services.case_desk import CaseFilter, CaseListRow
from coldwave_app.ui.cases.form_parts import short_date
from coldwave_app.ui.cases.labels import CASE_STATUSES, PRIORITIES, code_text, label, person_name
from coldwave_app.ui.session import Session

__all__ = ["CASE_ID_ROLE", "CaseListModel"]

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

COLUMNS = (
    N_("Person"),
    N_("Beneficiary code"),
    N_("Status"),
    N_("Priority"),
    N_("Next follow-up"),
    N_("Caseworker"),
    N_("Case opened on"),
)


def case_cells(row: CaseListRow) -> list[str]:
    return [
        person_name(row.name_latn, row.name_ar, row.known_as),
        code_text(row.code),
        label(CASE_STATUSES, row.status),
        label(PRIORITIES, row.priority),
        short_date(row.next_date),
        row.caseworker_name or _("Not assigned"),
        short_date(row.opened_at),
    ]


class CaseListModel(QAbstractTableModel):
    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._where: CaseFilter | None = None
        self._rows: list[CaseListRow] = []
        self._total = 0

    @property
    def total(self) -> int:
        """How many cases match the filter (the view may hold fewer so far)."""
        return self._total

    def set_filter(self, where: CaseFilter) -> None:
        """Show the cases matching `where`, from the first page."""
        self.beginResetModel()
        self._where = where
        self._rows = []
        self._total = self.session.read(lambda s: case_desk.count_cases(s, where=where))
        self.endResetModel()
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def reload(self) -> None:
        """Read again with the same filter (after a change)."""
        if self._where is not None:
            self.set_filter(self._where)

    def case_id(self, row: int) -> str | None:
        return self._rows[row].case_id if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: _Index) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: _Index) -> None:
        where = self._where
        if parent.isValid() or where is None:
            return
        offset = len(self._rows)
        page = self.session.read(lambda s: case_desk.case_page(s, where=where, offset=offset))
        if not page:
            self._total = offset  # cases were closed or removed meanwhile
            return
        self.beginInsertRows(QModelIndex(), offset, offset + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return case_cells(row)[index.column()]
        if role == CASE_ID_ROLE:
            return row.case_id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(COLUMNS[section])
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._rows:
            last = self.index(len(self._rows) - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
