"""The open conflicts as a lazy table model: pages of 200 from the conflicts service."""

from __future__ import annotations

from typing import Any, Final

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from coldwave_app.domain.errors import N_
from coldwave_app.i18n import _, current_language, isolate_auto, isolate_ltr
from coldwave_app.services.conflicts import ConflictView, count_open_conflicts, list_conflicts
from coldwave_app.ui.session import Session
from coldwave_app.ui.sync_view.status_texts import when_text

__all__ = ["ConflictModel", "field_title", "record_text", "table_title"]

PAGE: Final = 200

COLUMNS: Final = (N_("Record type"), N_("Record"), N_("Field"), N_("When"))

TABLE_TITLES: Final = {
    "person": N_("Person"),
    "household": N_("Household"),
    "stay": N_("Shelter stay"),
    "case_file": N_("Case"),
    "referral": N_("Referral"),
    "bed": N_("Bed"),
    "campaign": N_("Campaign"),
}

FIELD_TITLES: Final = {
    "known_as": N_("Known as"),
    "given_name_ar": N_("Given name (Arabic)"),
    "family_name_ar": N_("Family name (Arabic)"),
    "given_name_latn": N_("Given name (Latin)"),
    "family_name_latn": N_("Family name (Latin)"),
    "phone": N_("Phone"),
    "birth_year": N_("Year of birth"),
    "dob": N_("Date of birth"),
    "sex": N_("Sex"),
    "status": N_("Status"),
    "head_name": N_("Head of household"),
}

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


def table_title(table: str) -> str:
    msgid = TABLE_TITLES.get(table)
    return _(msgid) if msgid else isolate_ltr(table)


def field_title(field: str) -> str:
    msgid = FIELD_TITLES.get(field)
    return _(msgid) if msgid else isolate_ltr(field)


def record_text(conflict: ConflictView) -> str:
    """The person's or household's name in the UI's script first, and its code."""
    names = (
        (conflict.label_arabic, conflict.label_latin)
        if current_language() == "ar"
        else (conflict.label_latin, conflict.label_arabic)
    )
    name = next((n for n in names if n), "")
    parts = [isolate_auto(name)] if name else []
    if conflict.code:
        parts.append(isolate_ltr(conflict.code))
    return " · ".join(parts) if parts else isolate_ltr(conflict.row_id[:8])


class ConflictModel(QAbstractTableModel):
    """Rows fetched a page at a time as the view scrolls (canFetchMore / fetchMore)."""

    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.rows: list[ConflictView] = []
        self.total = 0

    def reload(self) -> None:
        self.beginResetModel()
        self.total = self.session.read(count_open_conflicts)
        self.rows = self.session.read(lambda store: list_conflicts(store, limit=PAGE))
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index = _ROOT) -> bool:
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent: Index = _ROOT) -> None:
        offset = len(self.rows)
        more = self.session.read(lambda store: list_conflicts(store, limit=PAGE, offset=offset))
        if not more:
            self.total = offset
            return
        self.beginInsertRows(QModelIndex(), offset, offset + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        conflict = self.rows[index.row()]
        column = index.column()
        if column == 0:
            return table_title(conflict.table)
        if column == 1:
            return record_text(conflict)
        if column == 2:
            return field_title(conflict.field)
        return when_text(conflict.created_at) or ""

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(COLUMNS[section])
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(COLUMNS) - 1)
            )
