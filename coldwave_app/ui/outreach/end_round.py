"""End of a round: what came back, then the stock reconciliation as a table of
loaded / distributed / returned / difference per item (a difference is written
out, not only coloured)."""

from __future__ import annotations

from datetime import datetime
from typing import Final

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coldwave_app.domain.errors import N_, ColdwaveError
from coldwave_app.i18n import _, isolate_auto, translate_error
from coldwave_app.services.outreach_desk import CatalogueEntry
from coldwave_app.services.outreach_rounds import Reconciliation, end_round, round_reconciliation
from coldwave_app.ui.outreach.quantities import QuantityGrid
from coldwave_app.ui.outreach.vocabulary import entry_name, quantity
from coldwave_app.ui.session import Session
from coldwave_app.ui.widgets import Label

COLUMNS: Final = (N_("Item"), N_("Loaded"), N_("Distributed"), N_("Returned"), N_("Difference"))
_MISSING = QColor("#f6d5d1")
_OVER = QColor("#fbe3c4")


def difference_text(value: float) -> str:
    if value > 0:
        return _("{qty} missing").format(qty=quantity(value))
    if value < 0:
        return _("{qty} more than loaded").format(qty=quantity(-value))
    return _("balanced")


class ReconciliationTable(QTableWidget):
    def __init__(self, entries: list[CatalogueEntry], parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setObjectName("reconciliation")
        self.names = {e.code: e for e in entries}
        self.reconciliation: Reconciliation | None = None
        self.verticalHeader().hide()
        self.horizontalHeader().setMinimumSectionSize(60)
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)

    def show_reconciliation(self, reconciliation: Reconciliation) -> None:
        self.reconciliation = reconciliation
        self.retranslate()

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        rows = self.reconciliation.rows if self.reconciliation else []
        self.setRowCount(len(rows))
        for n, row in enumerate(rows):
            entry = self.names.get(row.item_code)
            cells = (
                isolate_auto(entry_name(entry)) if entry else row.item_code,
                quantity(row.loaded),
                quantity(row.given),
                quantity(row.returned),
                difference_text(row.difference),
            )
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if column == 4 and row.difference:
                    cell.setBackground(QBrush(_MISSING if row.difference > 0 else _OVER))
                self.setItem(n, column, cell)
        self.resizeColumnsToContents()
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)


class EndRoundDialog(QDialog):
    """First what came back (prefilled: loaded less given), Enter ends the round and
    the dialog then shows the reconciliation."""

    def __init__(
        self,
        session: Session,
        round_id: str,
        entries: list[CatalogueEntry],
        warehouses: list[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.round_id = round_id
        self.ended = False
        items = [e for e in entries if e.kind == "item"]
        self.grid = QuantityGrid(items, self)
        self.warehouse = QComboBox(self)
        for location_id, name in warehouses:
            self.warehouse.addItem(isolate_auto(name), location_id)
        self.warehouse_label = Label(parent=self)
        self.heading = Label(parent=self)
        self.heading.setWordWrap(True)
        self.table = ReconciliationTable(entries, self)
        self.message = Label(parent=self)
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.warehouse_label, self.warehouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.grid)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(760, 640)
        self._prefill()
        self.retranslate()

    def _prefill(self) -> None:
        try:
            current = self.session.read(lambda s: round_reconciliation(s, round_id=self.round_id))
        except ColdwaveError as err:
            self.message.setText(translate_error(err))
            return
        self.table.show_reconciliation(current)
        for row in current.rows:
            left = row.loaded - row.given - row.returned
            if left > 0 and any(e.code == row.item_code for e in self.grid.entries):
                self.grid.spin(row.item_code).setValue(left)

    def retranslate(self) -> None:
        self.setWindowTitle(_("End the round"))
        self.warehouse_label.setText(_("Returned to"))
        self.heading.setText(
            _("Stock reconciliation of the round")
            if self.ended
            else _("Count what comes back to the warehouse, then press Enter.")
        )
        self.grid.retranslate()
        self.table.retranslate()

    def submit(self) -> None:
        if self.ended:
            self.accept()
            return
        returned = self.grid.values("item")
        target = self.warehouse.currentData()
        try:
            reconciliation = self.session.write(
                lambda s: end_round(
                    s,
                    round_id=self.round_id,
                    ended_at=datetime.now().replace(microsecond=0),
                    returned=returned,
                    to_location_id=None if target is None else str(target),
                )
            )
        except ColdwaveError as err:
            self.message.setText(translate_error(err))
            return
        self.ended = True
        self.grid.hide()
        self.warehouse.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).hide()
        self.table.show_reconciliation(reconciliation)
        self.message.setText(
            _("Round ended. {count} item(s) do not balance.").format(
                count=len(reconciliation.discrepancies)
            )
        )
        self.retranslate()
