"""Street encounters of a night round: record one (anonymous allowed) with the
shelter offer and its outcome, the place and what was given; tonight's list below.

Keys (this screen only): Ctrl+N new encounter (clears the form), Enter records,
Escape clears.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coldwave_app.domain.errors import N_, ColdwaveError
from coldwave_app.i18n import _, isolate_auto, isolate_ltr, translate_error
from coldwave_app.i18n.formatting import format_time
from coldwave_app.services.encounters import EncounterResult, record_encounter
from coldwave_app.services.outreach_desk import (
    CatalogueEntry,
    StreetEncounter,
    catalogue,
    encounters_of_night,
    open_rounds,
    person_by_code,
    street_place,
    street_places,
)
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.ui.outreach.quantities import QuantityGrid
from coldwave_app.ui.outreach.vocabulary import (
    AGE_BANDS,
    CONDITIONS,
    OUTCOMES,
    SEXES,
    SITUATIONS,
    entry_name,
    label_of,
    quantity,
)
from coldwave_app.ui.session import Session
from coldwave_app.ui.widgets import Label, set_action_text, set_button_text

COLUMNS: Final = (
    N_("Time"),
    N_("Who"),
    N_("Living situation"),
    N_("Shelter offer"),
    N_("Place"),
    N_("Given"),
)
_STREET_CATEGORIES = ("meal", "blanket", "clothing", "mat")


def _fill(combo: QComboBox, pairs: tuple[tuple[str, str], ...]) -> None:
    current = combo.currentIndex()
    combo.clear()
    for code, msgid in pairs:
        combo.addItem(_(msgid), code)
    combo.setCurrentIndex(max(0, current))


class StreetEncounterScreen(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.entries: list[CatalogueEntry] = []
        self.encounters: list[StreetEncounter] = []
        try:
            self.entries = [e for e in session.read(catalogue) if e.category in _STREET_CATEGORIES]
        except ColdwaveError:
            self.entries = []
        self.anonymous = QCheckBox(self)
        self.anonymous.setObjectName("anonymous")
        self.anonymous.setChecked(True)
        self.person_code = QLineEdit(self)
        self.person_code.setEnabled(False)
        self.anonymous.toggled.connect(lambda on: self.person_code.setEnabled(not on))
        self.sex = QComboBox(self)
        self.sex.setObjectName("sex")
        self.age = QComboBox(self)
        self.situation = QComboBox(self)
        self.conditions = {code: QCheckBox(self) for code, _m in CONDITIONS}
        self.offered = QCheckBox(self)
        self.offered.setChecked(True)
        self.outcome = QComboBox(self)
        self.outcome.setObjectName("outcome")
        self.place = QComboBox(self)
        self.place.setEditable(True)
        self.place.setObjectName("place")
        self.grid = QuantityGrid(self.entries, self)
        self.note = QLineEdit(self)
        self.record_button = QPushButton(self)
        self.record_button.setObjectName("recordEncounter")
        self.record_button.clicked.connect(self.submit)
        self.message = Label(parent=self)
        self.message.setWordWrap(True)
        self.list_heading = Label(parent=self)
        self.list_heading.setObjectName("sectionHeading")
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("encounters")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

        self.row_labels = [Label(parent=self) for _ in range(8)]
        form = QFormLayout()
        who = QHBoxLayout()
        who.addWidget(self.anonymous)
        who.addWidget(self.person_code, 1)
        descriptor = QHBoxLayout()
        descriptor.addWidget(self.sex, 1)
        descriptor.addWidget(self.age, 1)
        flags = QHBoxLayout()
        for box in self.conditions.values():
            flags.addWidget(box)
        flags.addStretch(1)
        offer = QHBoxLayout()
        offer.addWidget(self.offered)
        offer.addWidget(self.outcome, 1)
        for label, row in zip(
            self.row_labels,
            (who, descriptor, self.situation, flags, offer, self.place, self.grid, self.note),
            strict=True,
        ):
            if isinstance(row, QWidget):
                form.addRow(label, row)
            else:
                assert isinstance(row, QHBoxLayout)
                form.addRow(label, row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.record_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.list_heading)
        layout.addWidget(self.table, 1)

        self.new_action = QAction(self)
        self.new_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.new_action.triggered.connect(self.clear)
        self.addAction(self.new_action)

        session.changed.connect(self.refresh)
        self.retranslate()
        self.refresh()
        self.sex.setFocus()

    def retranslate(self) -> None:
        texts = (
            _("Who"),
            _("Sex and age"),
            _("Living situation"),
            _("Condition"),
            _("Shelter offer"),
            _("Place"),
            _("Given"),
            _("Note"),
        )
        for label, text in zip(self.row_labels, texts, strict=True):
            label.setText(text)
        self.anonymous.setText(_("Anonymous"))
        self.person_code.setPlaceholderText(_("Beneficiary code of a known person"))
        _fill(self.sex, SEXES)
        _fill(self.age, AGE_BANDS)
        _fill(self.situation, SITUATIONS)
        _fill(self.outcome, OUTCOMES)
        for code, msgid in CONDITIONS:
            self.conditions[code].setText(_(msgid))
        self.offered.setText(_("Shelter offered"))
        place_edit = self.place.lineEdit()
        if place_edit is not None:
            place_edit.setPlaceholderText(_("Street spot, e.g. bus station"))
        self.note.setPlaceholderText(_("Short note (optional)"))
        self.grid.retranslate()
        set_button_text(self.record_button, _("Record (Enter)"))
        set_action_text(self.new_action, _("New encounter"))
        self.list_heading.setText(_("Tonight's encounters"))
        self._show_list()

    def refresh(self) -> None:
        try:
            self.encounters = self.session.read(
                lambda s: encounters_of_night(s, moment=datetime.now())
            )
            places = self.session.read(street_places)
        except ColdwaveError as err:
            self.message.setText(translate_error(err))
            return
        typed = self.place.currentText()
        self.place.clear()
        for place_id, name in places:
            self.place.addItem(name, place_id)
        self.place.setEditText(typed)
        self._show_list()

    def _show_list(self) -> None:
        self.table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self.table.setRowCount(len(self.encounters))
        names = {e.code: e for e in self.entries}
        for n, enc in enumerate(self.encounters):
            who = (
                isolate_ltr(enc.person_code)
                if enc.person_code
                else _("Anonymous: {sex}, {age}").format(
                    sex=label_of(SEXES, enc.anon_sex), age=label_of(AGE_BANDS, enc.anon_age_band)
                )
            )
            offer = (
                label_of(OUTCOMES, enc.outcome)
                if enc.outcome
                else (_("Offered") if enc.shelter_offered else _("Not offered"))
            )
            given = ", ".join(
                f"{quantity(q)} × {entry_name(names[c]) if c in names else c}" for c, q in enc.items
            )
            cells = (
                format_time(enc.occurred_at),
                who,
                label_of(SITUATIONS, enc.living_situation),
                offer,
                isolate_auto(enc.place or ""),
                given,
            )
            for column, text in enumerate(cells):
                self.table.setItem(n, column, QTableWidgetItem(text))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
            return
        super().keyPressEvent(event)

    def clear(self) -> None:
        self.anonymous.setChecked(True)
        self.person_code.clear()
        self.note.clear()
        for box in self.conditions.values():
            box.setChecked(False)
        for spin in self.grid.spins.values():
            spin.setValue(0)
        self.message.clear()
        self.sex.setFocus()

    def submit(self) -> None:
        anonymous = self.anonymous.isChecked()
        code = self.person_code.text()
        place = self.place.currentText().strip()
        flags = [c for c, box in self.conditions.items() if box.isChecked()]
        offered = self.offered.isChecked()
        outcome = self.outcome.currentData()
        items = self.grid.values("item")

        def record(store: LocalStore) -> EncounterResult:
            person_id = None if anonymous else person_by_code(store, code=code)
            rounds = [r for r in open_rounds(store) if r.kind == "street"]
            return record_encounter(
                store,
                occurred_at=datetime.now().replace(microsecond=0),
                living_situation=str(self.situation.currentData()),
                round_id=rounds[0].id if rounds else None,
                person_id=person_id,
                anon_sex=str(self.sex.currentData()) if anonymous else None,
                anon_age_band=str(self.age.currentData()) if anonymous else None,
                local_place_id=street_place(store, name=place) if place else None,
                condition_flags=flags,
                shelter_offered=offered,
                outcome=None if outcome is None else str(outcome),
                note=self.note.text().strip() or None,
                items=items,
            )

        try:
            self.session.write(record)
        except ColdwaveError as err:
            self.message.setText(translate_error(err))
            return
        self.clear()
        self.message.setText(_("Encounter recorded."))
