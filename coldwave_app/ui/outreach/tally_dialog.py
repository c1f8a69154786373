"""Anonymous tally where registering people is impossible: households, persons by
sex and age band, kits and items given. Enter records it."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coldwave_app.domain.errors import ColdwaveError
from coldwave_app.i18n import _, translate_error
from coldwave_app.services.distributions import record_tally
from coldwave_app.services.outreach_desk import CatalogueEntry
from coldwave_app.ui.outreach.quantities import QuantityGrid
from coldwave_app.ui.outreach.vocabulary import TALLY_LABELS
from coldwave_app.ui.session import Session
from coldwave_app.ui.widgets import Label


class TallyDialog(QDialog):
    def __init__(
        self,
        session: Session,
        *,
        round_id: str,
        geo_code: str | None,
        entries: list[CatalogueEntry],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.round_id = round_id
        self.geo_code = geo_code
        self.tally_id: str | None = None
        self.households = QSpinBox(self)
        self.households.setObjectName("tallyHouseholds")
        self.households.setRange(0, 10_000)
        self.persons: dict[str, QSpinBox] = {}
        self.person_labels: dict[str, Label] = {}
        grid = QGridLayout()
        self.households_label = Label(parent=self)
        grid.addWidget(self.households_label, 0, 0)
        grid.addWidget(self.households, 0, 1)
        for n, (column, _msgid) in enumerate(TALLY_LABELS, start=2):
            row, side = divmod(n, 2)
            spin = QSpinBox(self)
            spin.setRange(0, 10_000)
            spin.setObjectName(f"tally_{column}")
            label = Label(parent=self)
            grid.addWidget(label, row, 2 * side)
            grid.addWidget(spin, row, 2 * side + 1)
            self.persons[column], self.person_labels[column] = spin, label
        self.given_label = Label(parent=self)
        self.grid = QuantityGrid(entries, self)
        self.message = Label(parent=self)
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.given_label)
        layout.addWidget(self.grid)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.households.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Anonymous tally"))
        self.households_label.setText(_("Households"))
        for column, msgid in TALLY_LABELS:
            self.person_labels[column].setText(_(msgid))
        self.given_label.setText(_("Given:"))
        self.grid.retranslate()

    def submit(self) -> None:
        persons = {c: s.value() for c, s in self.persons.items() if s.value()}
        kits, items = self.grid.values("kit"), self.grid.values("item")
        try:
            self.tally_id = self.session.write(
                lambda s: record_tally(
                    s,
                    occurred_at=datetime.now().replace(microsecond=0),
                    round_id=self.round_id,
                    geo_code=self.geo_code,
                    households=self.households.value(),
                    persons=persons,
                    kits=kits,
                    items=items,
                )
            )
        except ColdwaveError as err:
            self.message.setText(translate_error(err))
            return
        self.accept()
