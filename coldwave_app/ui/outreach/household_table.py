"""A douar's households and what each received this campaign, as a table model.

A douar holds a few hundred households at most, read in one query: the model holds
them all (no paging); the view is a plain QTableView.
"""

from __future__ import annotations

from typing import Any, Final

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from coldwave_app.domain.errors import N_
from coldwave_app.i18n import _, current_language, isolate_auto, isolate_ltr
from coldwave_app.i18n.formatting import format_date, format_number
from coldwave_app.services.outreach_desk import DouarHousehold, Receipt
from coldwave_app.ui.outreach.vocabulary import in_language, quantity

COLUMNS: Final = (
    N_("Head of household"),
    N_("Code"),
    N_("Members"),
    N_("Received this campaign"),
)

_Index = QModelIndex | QPersistentModelIndex


def head_name(household: DouarHousehold) -> str:
    if current_language() == "ar":
        name = household.head_ar or household.head_latn
    else:
        name = household.head_latn or household.head_ar
    return name or _("(no name)")


def receipt_text(receipt: Receipt) -> str:
    return _("{qty} × {thing} on {day}").format(
        qty=quantity(receipt.qty),
        thing=in_language(receipt.name_ar, receipt.name_fr),
        day=format_date(receipt.day),
    )


def received_text(household: DouarHousehold) -> str:
    """One entry per kit or item: the total and the days it was given, short."""
    if not household.received:
        return _("Nothing yet")
    totals: dict[str, list[Receipt]] = {}
    for receipt in household.received:
        totals.setdefault(receipt.code, []).append(receipt)
    parts = []
    for receipts in totals.values():
        first = receipts[0]
        parts.append(
            _("{qty} × {thing} ({days})").format(
                qty=quantity(sum(r.qty for r in receipts)),
                thing=in_language(first.name_ar, first.name_fr),
                days=", ".join(format_date(r.day) for r in receipts),
            )
        )
    return "; ".join(parts)


class HouseholdTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.households: list[DouarHousehold] = []

    def set_households(self, households: list[DouarHousehold]) -> None:
        self.beginResetModel()
        self.households = households
        self.endResetModel()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self.households:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.households) - 1, len(COLUMNS) - 1)
            )

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.households)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        household = self.households[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                return isolate_auto(head_name(household))
            if column == 1:
                return isolate_ltr(household.beneficiary_code)
            if column == 2:
                return format_number(household.members)
            return received_text(household)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 3:
            return "\n".join(receipt_text(r) for r in household.received) or None
        return None
