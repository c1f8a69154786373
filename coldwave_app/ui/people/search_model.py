"""The search results as one list grouped by kind: households, douars, then people.

People come last because their group can hold a season: the model starts with one
page and asks for the next (`more_wanted`) when the view scrolls to the end, in the
canFetchMore/fetchMore way, so a one-letter query never builds 100,000 rows.
Group headings are rows of their own that cannot be selected.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from coldwave_app.domain.errors import N_
from coldwave_app.i18n import _
from coldwave_app.services.people_pages import DouarHit, HouseholdHit, PersonHit, SearchResults
from coldwave_app.ui.people.texts import (
    SEX_LABELS,
    code,
    household_head,
    number,
    other_script_name,
    person_name,
    place_name,
)

Index = QModelIndex | QPersistentModelIndex
HEADERS = (N_("Name"), N_("Other names or douar"), N_("Code"), N_("Details"))
GROUPS = {"household": N_("Households"), "douar": N_("Douars"), "person": N_("People")}


class SearchModel(QAbstractTableModel):
    more_wanted = Signal(int)  # how many people are already listed (the next page's skip)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, Any]] = []
        self._people = 0
        self._more = False
        self._asked = False

    # -- filling
    def set_results(self, results: SearchResults) -> None:
        self.beginResetModel()
        self._rows = []
        for kind, hits in (
            ("household", results.households),
            ("douar", results.douars),
            ("person", results.people),
        ):
            if hits:
                self._rows.append(("header", kind))
                self._rows += [(kind, hit) for hit in hits]
        self._people = len(results.people)
        self._more = results.more_people
        self._asked = False
        self.endResetModel()

    def clear(self) -> None:
        self.set_results(SearchResults("", (), False, (), ()))

    def append_people(self, people: Sequence[PersonHit], more: bool) -> None:
        if people:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(people) - 1)
            self._rows += [("person", p) for p in people]
            self.endInsertRows()
        self._people += len(people)
        self._more = more
        self._asked = False

    # -- reading
    def entry(self, row: int) -> tuple[str, Any]:
        return self._rows[row] if 0 <= row < len(self._rows) else ("", None)

    def counts(self) -> dict[str, int]:
        out = {"household": 0, "douar": 0, "person": 0}
        for kind, _hit in self._rows:
            if kind in out:
                out[kind] += 1
        return out

    @property
    def more_people(self) -> bool:
        return self._more

    def first_openable(self) -> int:
        return next((n for n, (kind, _hit) in enumerate(self._rows) if kind != "header"), -1)

    # -- Qt
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._more and not self._asked

    def fetchMore(self, parent: Index) -> None:
        if self.canFetchMore(parent):
            self._asked = True
            self.more_wanted.emit(self._people)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if index.isValid() and self._rows[index.row()][0] == "header":
            return Qt.ItemFlag.ItemIsEnabled
        return super().flags(index)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        kind, hit = self._rows[index.row()]
        if kind == "header":
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                return _(GROUPS[hit])
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return _cells(kind, hit)[index.column()]

    def retranslate(self) -> None:
        # A reset, not headerDataChanged/dataChanged.emit(): see tables.RowsModel.
        self.beginResetModel()
        self.endResetModel()


def _cells(kind: str, hit: Any) -> tuple[str, str, str, str]:
    if isinstance(hit, PersonHit):
        details = [_(SEX_LABELS.get(hit.sex, hit.sex))]
        if hit.birth_year:
            details.append(_("born {year}").format(year=hit.birth_year))
        if hit.cin_masked:
            details.append(_("CIN {cin}").format(cin=code(hit.cin_masked)))
        return person_name(hit), other_script_name(hit), code(hit.code), " · ".join(details)
    if isinstance(hit, HouseholdHit):
        douar = place_name(hit.douar_ar, hit.douar_fr)
        size = _("{n} members").format(n=number(hit.size_declared or hit.members))
        return household_head(hit), douar, code(hit.code), size
    assert isinstance(hit, DouarHit)
    other = (
        hit.name_ar
        if place_name(hit.name_ar, hit.name_fr).strip("\u2068\u2069") != hit.name_ar
        else hit.name_fr
    )
    return (
        place_name(hit.name_ar, hit.name_fr),
        other or "",
        code(hit.code),
        _("{n} households registered").format(n=number(hit.households)),
    )
