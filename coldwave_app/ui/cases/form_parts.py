"""Pieces every case-desk form shares: a message line, date fields, Enter to submit,
a read-only table of text rows, and running a service call that may refuse.

A service refusal (ColdwaveError) is shown in the form's message line in the
user's language; the typed values stay where they are.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QDateEdit, QHeaderView, QTableView, QWidget

from coldwave_app.domain.errors import ColdwaveError
from coldwave_app.i18n import _, translate_error
from coldwave_app.i18n.formatting import format_date
from coldwave_app.ui.widgets import Label, day_edit

__all__ = [
    "WARNING_COLOUR",
    "MessageLine",
    "TextTable",
    "TextTableModel",
    "attempt",
    "date_edit",
    "date_of",
    "on_enter",
    "short_date",
]

WARNING_COLOUR = "#9a3412"
"""Refusals and overdue items (always with words too, never colour alone)."""

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class MessageLine(Label):
    """The form's message line: a refusal (in the warning colour) or a confirmation."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setObjectName("formMessage")
        self.setWordWrap(True)
        self.hide()

    def show_error(self, text: str) -> None:
        self.setStyleSheet(f"color: {WARNING_COLOUR}; font-weight: bold;")
        self.setText("⚠ " + text)
        self.show()

    def show_info(self, text: str) -> None:
        self.setStyleSheet("color: #166534;")
        self.setText("✓ " + text)
        self.show()

    def clear_message(self) -> None:
        self.setText("")
        self.hide()


def attempt(message: MessageLine, action: Callable[[], Any]) -> bool:
    """Run `action`; a ColdwaveError is shown in `message` and False returned."""
    try:
        action()
    except ColdwaveError as err:
        message.show_error(translate_error(err))
        return False
    message.clear_message()
    return True


def date_edit(parent: QWidget | None = None, value: date | None = None) -> QDateEdit:
    """A day-first date field with a calendar, set to `value` (today by default)."""
    edit = day_edit(parent)
    day = value or date.today()
    edit.setDate(QDate(day.year, day.month, day.day))
    return edit


def date_of(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


def short_date(value: str | date | None) -> str:
    """An ISO date (or timestamp) or a date, day first; empty for None."""
    if value is None or value == "":
        return ""
    day = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    return format_date(day)


def on_enter(form: QWidget, submit: Callable[[], None]) -> QAction:
    """Enter (or Return) anywhere in `form` submits it."""
    action = QAction(form)
    action.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(submit)
    form.addAction(action)
    return action


class TextTableModel(QAbstractTableModel):
    """A short read-only table of text rows (a case's referrals, follow-ups, notes).

    `headers` are msgids, translated when shown; `warn` marks rows drawn in the
    warning colour (their text says why as well)."""

    def __init__(self, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[list[str]] = []
        self._keys: list[str] = []
        self._warn: set[int] = set()

    def set_rows(
        self, rows: Sequence[Sequence[str]], keys: Sequence[str] = (), warn: set[int] | None = None
    ) -> None:
        self.beginResetModel()
        self._rows = [list(r) for r in rows]
        self._keys = list(keys)
        self._warn = warn or set()
        self.endResetModel()

    def key(self, row: int) -> str | None:
        return self._keys[row] if 0 <= row < len(self._keys) else None

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.row() in self._warn:
            return QColor(WARNING_COLOUR)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(self._headers[section])
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._headers) - 1)


class TextTable(QTableView):
    """A table view over a TextTableModel: whole rows selected, last column stretched."""

    def __init__(
        self, headers: Sequence[str], parent: QWidget | None = None, *, wide_last: bool = False
    ) -> None:
        super().__init__(parent)
        self.text_model = TextTableModel(headers, self)
        self.setModel(self.text_model)
        configure_table(self)
        if wide_last:  # free text (a note) gets the room the short columns do not need
            header = self.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)

    def current_key(self) -> str | None:
        return self.text_model.key(self.currentIndex().row())


def configure_table(view: QTableView) -> None:
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    # Columns share the width: nothing runs off the side on a 1280-pixel screen.
    header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    header.setMinimumSectionSize(48)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
