"""The quarantined changes: what the server refused (or this laptop could not apply), and why.

Quarantine stays small (a refused change is rare and shown until dealt with), so a
plain table of the newest page is enough; the count in the heading says if more.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coldwave_app.i18n import _, isolate_ltr
from coldwave_app.i18n.formatting import format_number
from coldwave_app.services.sync_status import QuarantinedChange
from coldwave_app.ui.sync_view.status_texts import when_text
from coldwave_app.ui.widgets import Label

__all__ = ["PAGE", "QuarantineList"]

PAGE: Final = 200


class QuarantineList(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = Label(parent=self)
        self.heading.setObjectName("sectionHeading")
        self.empty_label = Label(parent=self)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("quarantineTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table)
        self._rows: list[QuarantinedChange] = []
        self._total = 0
        self.retranslate()

    def show_rows(self, rows: list[QuarantinedChange], total: int) -> None:
        self._rows, self._total = rows, total
        self.table.setRowCount(len(rows))
        for index, change in enumerate(rows):
            direction = (
                _("Refused by the server")
                if change.direction == "push"
                else _("Received, not applied")
            )
            record = change.table or "—"
            if change.field:
                record = f"{record}.{change.field}"
            cells = (
                when_text(change.received_at) or "",
                direction,
                isolate_ltr(record),
                change.reason,
            )
            for column, text in enumerate(cells):
                self.table.setItem(index, column, QTableWidgetItem(text))
        self.table.setVisible(bool(rows))
        self.empty_label.setVisible(not rows)
        self._texts()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [_("When"), _("What happened"), _("Record"), _("Reason")]
        )
        self.show_rows(self._rows, self._total)

    def _texts(self) -> None:
        self.heading.setText(_("Quarantined changes: {n}").format(n=format_number(self._total)))
        self.empty_label.setText(_("No change is in quarantine."))
