"""The outreach round screen: the current round and its stock, the douar picker, the
douar's households with what they received, recording kits and items (entitlement
warning inline), anonymous tallies and the end of the round.

Keys (this screen only): Ctrl+N start a round, Ctrl+Shift+K load stock, Ctrl+D find a
douar, Ctrl+K give to the selected household, Ctrl+T anonymous tally, Ctrl+E end the
round. In the household list, Enter moves to the kit field; Enter there records.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coldwave_app.domain.errors import ColdwaveError
from coldwave_app.i18n import _, isolate_auto, translate_error
from coldwave_app.services.outreach_desk import (
    CatalogueEntry,
    DouarChoice,
    OpenRound,
    catalogue,
    douar_households,
    household_members,
    open_rounds,
    warehouses,
)
from coldwave_app.ui.outreach.douar_picker import DouarPicker
from coldwave_app.ui.outreach.end_round import EndRoundDialog
from coldwave_app.ui.outreach.grant_form import GrantForm
from coldwave_app.ui.outreach.household_table import HouseholdTableModel
from coldwave_app.ui.outreach.round_dialogs import LoadStockDialog, StartRoundDialog
from coldwave_app.ui.outreach.tally_dialog import TallyDialog
from coldwave_app.ui.outreach.vocabulary import RISK_COLOURS, RISK_LABELS
from coldwave_app.ui.session import Session
from coldwave_app.ui.widgets import Label, set_action_text

_STYLE = """
QLabel#douarHeading { font-size: 15pt; font-weight: bold; padding: 6px; border-radius: 6px; }
QFrame#entitlementWarning { background: #fbe3c4; border: 2px solid #9a3412; border-radius: 6px; }
QLabel#warningText { color: #5a1f08; }
"""


class OutreachRoundScreen(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.rounds: list[OpenRound] = []
        self.entries: list[CatalogueEntry] = []
        self.douar: DouarChoice | None = None
        self.dialog: QDialog | None = None
        self.setStyleSheet(_STYLE)

        self.round_label = Label(parent=self)
        self.round_combo = QComboBox(self)
        self.round_combo.setObjectName("roundCombo")
        self.round_combo.currentIndexChanged.connect(self._round_changed)
        self.round_info = Label(parent=self)
        self.round_info.setWordWrap(True)
        self.message = Label(parent=self)
        self.message.setWordWrap(True)
        self.message.hide()

        self.picker = DouarPicker(session, self)
        self.picker.chosen.connect(self.open_douar)
        self.heading = Label(parent=self)
        self.heading.setObjectName("douarHeading")
        self.heading.setWordWrap(True)
        self.model = HouseholdTableModel()
        self.table = QTableView(self)
        self.table.setObjectName("households")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setMinimumSectionSize(60)
        # Fit columns to the rows on screen, not to all 500 (that costs ~100 ms).
        self.table.verticalHeader().setResizeContentsPrecision(0)
        self.table.horizontalHeader().setResizeContentsPrecision(0)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._household_changed())
        self.table.activated.connect(lambda _index: self.give())
        self.form = GrantForm(session, self)
        self.form.setEnabled(False)
        # Back to the list after each line: Down, Enter, Enter serves the next household.
        self.form.recorded.connect(lambda _household_id: self.table.setFocus())

        self._build_actions()
        top = QHBoxLayout()
        top.addWidget(self.round_label)
        top.addWidget(self.round_combo, 1)
        for action in (self.start_action, self.load_action, self.tally_action, self.end_action):
            button = QToolButton(self)
            button.setDefaultAction(action)
            top.addWidget(button)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.table, 1)
        right_layout.addWidget(self.form)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.picker)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.round_info)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

        session.changed.connect(self.refresh)
        self.refresh()
        self.retranslate()
        self.picker.search.setFocus()

    def _build_actions(self) -> None:
        def action(keys: str, slot: object) -> QAction:
            made = QAction(self)
            made.setShortcut(QKeySequence(keys))
            made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            made.triggered.connect(slot)
            self.addAction(made)
            return made

        self.start_action = action("Ctrl+N", self.start_round)
        self.load_action = action("Ctrl+Shift+K", self.load_stock)
        self.find_action = action("Ctrl+D", self.find_douar)
        self.give_action = action("Ctrl+K", self.give)
        self.tally_action = action("Ctrl+T", self.tally)
        self.end_action = action("Ctrl+E", self.end_round)

    # -- reading ---------------------------------------------------------------

    @property
    def round(self) -> OpenRound | None:
        index = self.round_combo.currentIndex()
        return self.rounds[index] if 0 <= index < len(self.rounds) else None

    def refresh(self) -> None:
        try:
            self.rounds = self.session.read(open_rounds)
            self.entries = self.session.read(catalogue)
        except ColdwaveError as err:
            self.message.setText(translate_error(err))
            self.message.show()
            return
        self.message.hide()
        kept = self.round.id if self.round else None
        self.round_combo.blockSignals(True)
        self.round_combo.clear()
        for r in self.rounds:
            self.round_combo.addItem(isolate_auto(f"{r.team_name} · {r.started_at[:16]}"), r.id)
        if kept is not None:
            self.round_combo.setCurrentIndex(max(0, self.round_combo.findData(kept)))
        self.round_combo.blockSignals(False)
        self.form.set_catalogue(self.entries)
        self._round_changed()
        self._load_households()

    def _round_changed(self) -> None:
        current = self.round
        self.picker.round_id = current.id if current else None
        self.form.round_id = current.id if current else None
        for action in (self.load_action, self.tally_action, self.end_action):
            action.setEnabled(current is not None)
        self.picker.refresh()
        self._show_round()

    def _show_round(self) -> None:
        current = self.round
        if current is None:
            self.round_info.setText(_("No round under way: start one with Ctrl+N."))
            return
        self.round_info.setText(
            _("Team {team}, vehicle {vehicle}; members: {members}").format(
                team=isolate_auto(current.team_name),
                vehicle=isolate_auto(current.vehicle or "—"),
                members=isolate_auto(", ".join(current.members) or "—"),
            )
        )

    def open_douar(self, choice: DouarChoice) -> None:
        self.douar = choice
        self.form.geo_code = choice.code
        self._load_households()
        self._show_heading()
        if self.model.rowCount():
            self.table.setFocus()
            self._select(0)

    def _load_households(self) -> None:
        if self.douar is None:
            return
        code = self.douar.code
        kept = self._current_household_id()
        households = self.session.read(lambda s: douar_households(s, geo_code=code))
        self.model.set_households(households)
        self._fit_columns()
        ids = [h.id for h in households]
        if kept in ids:
            self._select(ids.index(kept))
        self._household_changed()

    def _select(self, row: int) -> None:
        # setCurrentIndex, not selectRow: selectRow finds no column in a right-to-left
        # table that has not been laid out yet, and then selects nothing.
        self.table.setCurrentIndex(self.model.index(row, 0))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        for column in range(3):  # names and codes in full; what was received takes the rest
            self.table.resizeColumnToContents(column)

    def _current_household_id(self) -> str | None:
        row = self.table.currentIndex().row()
        households = self.model.households
        return households[row].id if 0 <= row < len(households) else None

    def _household_changed(self) -> None:
        row = self.table.currentIndex().row()
        households = self.model.households
        if not 0 <= row < len(households):
            self.form.set_household(None, [])
            return
        household = households[row]
        members = self.session.read(lambda s: household_members(s, household_id=household.id))
        self.form.set_household(household, members)

    def _show_heading(self) -> None:
        douar = self.douar
        if douar is None:
            self.heading.setText(_("Choose a douar on the left (Ctrl+D)."))
            self.heading.setStyleSheet("")
            return
        level = douar.risk_level
        risk = _(RISK_LABELS[level]) if level in RISK_LABELS else _("Not targeted")
        self.heading.setText(
            _("{douar} ({code}) — {risk} — {count} households").format(
                douar=isolate_auto(douar.name_fr or douar.name_ar),
                code=f"\u2066{douar.code}\u2069",
                risk=risk,
                count=self.model.rowCount(),
            )
        )
        colour = RISK_COLOURS.get(level or "")
        self.heading.setStyleSheet(f"background: {colour}; color: black;" if colour else "")

    # -- actions ---------------------------------------------------------------

    def find_douar(self) -> None:
        self.picker.search.setFocus()
        self.picker.search.selectAll()

    def give(self) -> None:
        if self._current_household_id() is not None:
            self.form.focus_thing()

    def start_round(self) -> None:
        stores = self.session.read(warehouses)
        dialog = StartRoundDialog(self.session, stores, self)
        dialog.accepted.connect(lambda: self._started(dialog))
        self._open(dialog)

    def _started(self, dialog: StartRoundDialog) -> None:
        self.refresh()
        if dialog.round_id is not None:
            self.round_combo.setCurrentIndex(max(0, self.round_combo.findData(dialog.round_id)))
            self.load_stock(dialog.warehouse_id)

    def load_stock(self, warehouse_id: str | None = None) -> None:
        current = self.round
        if current is None:
            return
        stores = self.session.read(warehouses)
        chosen = warehouse_id if isinstance(warehouse_id, str) else None
        self._open(LoadStockDialog(self.session, current.id, self.entries, stores, chosen, self))

    def tally(self) -> None:
        current = self.round
        if current is None:
            return
        code = self.douar.code if self.douar else None
        given = [e for e in self.entries if e.kind == "kit" or e.category == "blanket"]
        self._open(
            TallyDialog(
                self.session, round_id=current.id, geo_code=code, entries=given, parent=self
            )
        )

    def end_round(self) -> None:
        current = self.round
        if current is None:
            return
        stores = self.session.read(warehouses)
        self._open(EndRoundDialog(self.session, current.id, self.entries, stores, self))

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.setLayoutDirection(self.layoutDirection())
        dialog.open()

    def retranslate(self) -> None:
        self.round_label.setText(_("Round"))
        set_action_text(self.start_action, _("Start a round"))
        set_action_text(self.load_action, _("Load stock"))
        set_action_text(self.find_action, _("Find a douar"))
        set_action_text(self.give_action, _("Give to the household"))
        set_action_text(self.tally_action, _("Anonymous tally"))
        set_action_text(self.end_action, _("End the round"))
        self.picker.retranslate()
        self.model.retranslate()
        self._fit_columns()
        self.form.retranslate()
        self._show_round()
        self._show_heading()
        if self.dialog is not None and self.dialog.isVisible():
            retranslate = getattr(self.dialog, "retranslate", None)
            if callable(retranslate):
                retranslate()
