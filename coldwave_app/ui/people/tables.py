"""A small read-only table for the sections of a page (stays, items, members...).

Sections hold tens of rows, so a plain list behind a QAbstractTableModel is enough;
the search list, which can hold a whole season, has its own lazy model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from coldwave_app.i18n import _

Index = QModelIndex | QPersistentModelIndex
HIGHLIGHT = QColor("#fde8c8")  # a difference, always with a marker in the text too

PAGE_STYLE = """
QLabel#pageTitle { font-size: 18pt; font-weight: bold; }
QLabel#pageSubtitle, QLabel#searchStatus { color: #4a5560; }
QLabel#messageLine { color: #1f4e79; }
QFrame#confirmBar { border: 1px solid #b45309; border-radius: 6px; padding: 6px; }
QLineEdit#peopleSearchBox { font-size: 15pt; padding: 6px; }
"""


class RowsModel(QAbstractTableModel):
    """Rows of display strings, each with a payload (an id to open) and an optional mark."""

    def __init__(self, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)  # msgids
        self._rows: list[list[str]] = []
        self._payloads: list[Any] = []
        self._marked: list[bool] = []

    def set_rows(
        self,
        rows: Sequence[Sequence[str]],
        payloads: Sequence[Any] = (),
        marked: Sequence[bool] = (),
    ) -> None:
        self.beginResetModel()
        self._rows = [list(r) for r in rows]
        self._payloads = list(payloads) or [None] * len(self._rows)
        self._marked = list(marked) or [False] * len(self._rows)
        self.endResetModel()

    def set_headers(self, headers: Sequence[str]) -> None:
        """Column titles: msgids, or text already translated (a person's name)."""
        self._headers = list(headers)
        self.retranslate()

    def payload(self, row: int) -> Any:
        return self._payloads[row] if 0 <= row < len(self._payloads) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and self._marked[index.row()]:
            return QBrush(HIGHLIGHT)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(self._headers[section])
        return None

    def retranslate(self) -> None:
        # A reset, not headerDataChanged.emit(): in PySide6 6.12 emitting the model's
        # built-in signals from Python drops a reference to True each time, and the
        # interpreter aborts at exit once enough were lost.
        self.beginResetModel()
        self.endResetModel()


def rows_view(
    model: RowsModel, on_open: Callable[[Any], None] | None = None, parent: QWidget | None = None
) -> QTableView:
    """A keyboard-friendly table over `model`; Enter or a double click opens a row's payload."""
    view = _OpeningTable(on_open, parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class _OpeningTable(QTableView):
    def __init__(self, on_open: Callable[[Any], None] | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._on_open = on_open
        self.doubleClicked.connect(self._open)

    def _open(self, index: QModelIndex) -> None:
        model = self.model()
        if self._on_open is not None and isinstance(model, RowsModel):
            payload = model.payload(index.row())
            if payload is not None:
                self._on_open(payload)

    def keyPressEvent(self, event: Any) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._open(self.currentIndex())
            return
        super().keyPressEvent(event)
