"""Starting a round (team, vehicle, warehouse, planned douars) and loading its stock."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from coldwave_app.domain.errors import ColdwaveError
from coldwave_app.i18n import _, isolate_auto, translate_error
from coldwave_app.services.outreach_desk import (
    CatalogueEntry,
    DouarChoice,
    itinerary_of,
)
from coldwave_app.services.outreach_rounds import load_stock, start_round
from coldwave_app.ui.outreach.douar_picker import DouarPicker
from coldwave_app.ui.outreach.quantities import QuantityGrid
from coldwave_app.ui.session import Session
from coldwave_app.ui.widgets import Label


def _warehouse_combo(parent: QWidget, warehouses: list[tuple[str, str]]) -> QComboBox:
    combo = QComboBox(parent)
    for location_id, name in warehouses:
        combo.addItem(isolate_auto(name), location_id)
    return combo


class StartRoundDialog(QDialog):
    """Enter starts the round; the planned douars are picked with the douar search."""

    def __init__(
        self, session: Session, warehouses: list[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.round_id: str | None = None
        self.planned: list[DouarChoice] = []
        self.kind = QComboBox(self)
        self.team = QLineEdit(self)
        self.team.setObjectName("teamName")
        self.vehicle = QLineEdit(self)
        self.members = QLineEdit(self)
        self.zone = QLineEdit(self)
        self.warehouse = _warehouse_combo(self, warehouses)
        self.picker = DouarPicker(session, self)
        self.picker.chosen.connect(self._plan)
        self.planned_label = Label(parent=self)
        self.planned_label.setWordWrap(True)
        self.message = Label(parent=self)
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.form = QFormLayout()
        self.row_labels = [Label(parent=self) for _ in range(7)]
        for label, field in zip(
            self.row_labels,
            (
                self.kind,
                self.team,
                self.vehicle,
                self.members,
                self.warehouse,
                self.zone,
                self.picker,
            ),
            strict=True,
        ):
            self.form.addRow(label, field)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.planned_label)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(720, 620)
        self.retranslate()
        self.team.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Start a round"))
        texts = (
            _("Kind of round"),
            _("Team"),
            _("Vehicle"),
            _("Members"),
            _("Loads from"),
            _("Zone"),
            _("Planned douars"),
        )
        for label, text in zip(self.row_labels, texts, strict=True):
            label.setText(text)
        current = self.kind.currentIndex()
        self.kind.clear()
        self.kind.addItem(_("Convoy to douars"), "rural")
        self.kind.addItem(_("Night street round"), "street")
        self.kind.setCurrentIndex(max(0, current))
        self.members.setPlaceholderText(_("Names separated by commas"))
        self.zone.setPlaceholderText(_("Optional when douars are planned"))
        self.picker.retranslate()
        self._show_planned()

    def _plan(self, choice: DouarChoice) -> None:
        if all(d.code != choice.code for d in self.planned):
            self.planned.append(choice)
        self.picker.search.clear()
        self._show_planned()

    def _show_planned(self) -> None:
        names = ", ".join(isolate_auto(d.name_fr or d.name_ar) for d in self.planned)
        self.planned_label.setText(
            _("Planned: {douars}").format(douars=names) if names else _("No douar planned yet.")
        )

    def submit(self) -> None:
        members = [m.strip() for m in self.members.text().split(",") if m.strip()]
        itinerary = itinerary_of(self.planned) or None
        try:
            self.round_id = self.session.write(
                lambda s: start_round(
                    s,
                    kind=str(self.kind.currentData()),
                    started_at=datetime.now().replace(microsecond=0),
                    team_name=self.team.text(),
                    vehicle=self.vehicle.text().strip() or None,
                    members=members,
                    zone=self.zone.text().strip() or None,
                    itinerary=itinerary,
                )
            )
        except ColdwaveError as err:
            self.message.setText(translate_error(err))
            return
        self.accept()

    @property
    def warehouse_id(self) -> str | None:
        data = self.warehouse.currentData()
        return None if data is None else str(data)


class LoadStockDialog(QDialog):
    """Quantities of kits and items loaded into the round's vehicle from a warehouse."""

    def __init__(
        self,
        session: Session,
        round_id: str,
        entries: list[CatalogueEntry],
        warehouses: list[tuple[str, str]],
        warehouse_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.round_id = round_id
        self.warehouse = _warehouse_combo(self, warehouses)
        if warehouse_id is not None:
            self.warehouse.setCurrentIndex(max(0, self.warehouse.findData(warehouse_id)))
        self.grid = QuantityGrid(entries, self)
        self.warehouse_label = Label(parent=self)
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
        layout.addLayout(form)
        layout.addWidget(self.grid)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.retranslate()
        if entries:
            self.grid.spins[entries[0].id].setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Load stock into the vehicle"))
        self.warehouse_label.setText(_("From warehouse"))
        self.grid.retranslate()

    def submit(self) -> None:
        kits, items = self.grid.values("kit"), self.grid.values("item")
        source = self.warehouse.currentData()
        try:
            self.session.write(
                lambda s: load_stock(
                    s,
                    round_id=self.round_id,
                    at=datetime.now().replace(microsecond=0),
                    items=items,
                    kits=kits,
                    from_location_id=None if source is None else str(source),
                )
            )
        except ColdwaveError as err:
            self.message.setText(translate_error(err))
            return
        self.accept()
