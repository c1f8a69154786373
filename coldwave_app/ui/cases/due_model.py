"""The due list as a table model: overdue first, then by triage score.

Scoring every due case reads a good deal, so the list is computed off the UI
thread (Session.run) and handed to the model when done; a result that arrives
after a newer request is dropped.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from coldwave_app.domain.errors import N_
from coldwave_app.i18n import _
from coldwave_app.i18n.formatting import format_number
from coldwave_app.services import case_desk
from coldwave_app.services.case_desk import DueLine
from coldwave_app.ui.cases.case_list_model import CASE_ID_ROLE
from coldwave_app.ui.cases.form_parts import WARNING_COLOUR, short_date
from coldwave_app.ui.cases.labels import FOLLOW_UP_KINDS, PRIORITIES, code_text, label, person_name
from coldwave_app.ui.session import Session

__all__ = ["DueListModel", "overdue_text"]

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

COLUMNS = (
    N_("Person"),
    N_("Beneficiary code"),
    N_("Due"),
    N_("Due on"),
    N_("What"),
    N_("Priority"),
    N_("Triage score"),
)


def overdue_text(days: int) -> str:
    if days <= 0:
        return _("Due")
    return _("Days overdue: {n}").format(n=format_number(days))


class DueListModel(QAbstractTableModel):
    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.lines: list[DueLine] = []
        self.loading = False
        self._generation = 0

    def load(self, *, today: date, mine: bool) -> None:
        """Compute the due list in the background; the rows change when it is done."""
        self._generation += 1
        generation = self._generation
        self.loading = True

        def done(lines: object) -> None:
            if generation != self._generation:
                return
            self.beginResetModel()
            self.lines = list(lines) if isinstance(lines, list) else []
            self.loading = False
            self.endResetModel()

        def failed(_err: BaseException) -> None:
            if generation == self._generation:
                self.loading = False

        self.session.run(
            lambda store, _job: case_desk.due_lines(store, today=today, mine=mine),
            on_done=done,
            on_error=failed,
        )

    def case_id(self, row: int) -> str | None:
        return self.lines[row].case.case_id if 0 <= row < len(self.lines) else None

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            case = line.case
            return [
                person_name(case.name_latn, case.name_ar, case.known_as),
                code_text(case.code),
                overdue_text(line.overdue_days),
                short_date(line.due_on),
                label(FOLLOW_UP_KINDS, line.kind),
                label(PRIORITIES, case.priority),
                format_number(line.score),
            ][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and line.reasons:
            return " · ".join(_(r) for r in line.reasons)
        if role == Qt.ItemDataRole.ForegroundRole and line.overdue_days > 0:
            return QColor(WARNING_COLOUR)
        if role == CASE_ID_ROLE:
            return line.case.case_id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(COLUMNS[section])
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self.lines:
            last = self.index(len(self.lines) - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
