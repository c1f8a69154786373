"""A grid of quantities, one spin box per kit or item (load, return, tally)."""

from __future__ import annotations

from PySide6.QtWidgets import QDoubleSpinBox, QGridLayout, QWidget

from coldwave_app.services.outreach_desk import CatalogueEntry
from coldwave_app.ui.outreach.vocabulary import entry_name
from coldwave_app.ui.widgets import Label

_COLUMNS = 2


class QuantityGrid(QWidget):
    def __init__(self, entries: list[CatalogueEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries = entries
        self.spins: dict[str, QDoubleSpinBox] = {}
        self.labels: dict[str, Label] = {}
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(12)
        for n, entry in enumerate(entries):
            row, column = divmod(n, _COLUMNS)
            label = Label(parent=self)
            spin = QDoubleSpinBox(self)
            spin.setRange(0, 100_000)
            spin.setDecimals(0 if entry.unit in ("piece", "kit", "portion") else 1)
            spin.setObjectName(f"qty_{entry.code}")
            layout.addWidget(label, row, 2 * column)
            layout.addWidget(spin, row, 2 * column + 1)
            self.spins[entry.id] = spin
            self.labels[entry.id] = label
        self.retranslate()

    def retranslate(self) -> None:
        for entry in self.entries:
            self.labels[entry.id].setText(entry_name(entry))

    def spin(self, code: str) -> QDoubleSpinBox:
        return next(self.spins[e.id] for e in self.entries if e.code == code)

    def values(self, kind: str) -> dict[str, float]:
        """Non-zero quantities of the kits ('kit') or items ('item'), by id."""
        return {
            e.id: float(self.spins[e.id].value())
            for e in self.entries
            if e.kind == kind and self.spins[e.id].value() > 0
        }
