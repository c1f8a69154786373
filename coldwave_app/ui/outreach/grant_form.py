"""Recording a kit or items for a household or one of its members, with the
entitlement warning inline: what the rule is, when, where and by whom it was given
before; a supervisor may record it anyway with a reason.

Enter records, Escape drops the warning. Nothing typed is lost on an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coldwave_app.domain.entitlement_rules import Violation
from coldwave_app.domain.errors import ColdwaveError
from coldwave_app.i18n import _, current_language, isolate_auto, isolate_ltr, translate_error
from coldwave_app.i18n.formatting import format_date
from coldwave_app.services.distributions import record_distribution
from coldwave_app.services.outreach_desk import (
    CatalogueEntry,
    DouarHousehold,
    Member,
    can_override,
    distribution_event_for,
    preview_line,
)
from coldwave_app.ui.outreach.vocabulary import entry_name, quantity
from coldwave_app.ui.session import Session
from coldwave_app.ui.widgets import Label, set_button_text


@dataclass(frozen=True)
class Pending:
    """A line held back by a rule, waiting for a supervisor's reason."""

    event_id: str
    household_id: str | None
    person_id: str | None
    entry: CatalogueEntry
    qty: float


def violation_text(violation: Violation) -> str:
    """Who, when and where it was given before, in the user's words."""
    if not violation.earlier_record_id:
        return _("Rule {rule}: this quantity is above the limit of {max}.").format(
            rule=isolate_ltr(violation.rule_code), max=quantity(violation.max_qty or 0)
        )
    return _("Rule {rule}: already received on {when} at {where}, recorded by {who}.").format(
        rule=isolate_ltr(violation.rule_code),
        when=format_date(date.fromisoformat(violation.when[:10])),
        where=isolate_auto(violation.where),
        who=isolate_auto(violation.who),
    )


class GrantForm(QWidget):
    recorded = Signal(str)  # the household id

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.round_id: str | None = None
        self.geo_code: str | None = None
        self.household: DouarHousehold | None = None
        self.members: list[Member] = []
        self.entries: list[CatalogueEntry] = []
        self.pending: Pending | None = None
        self._last_violations: list[Violation] = []
        self.recipient = QComboBox(self)
        self.thing = QComboBox(self)
        self.thing.setObjectName("grantThing")
        self.qty = QDoubleSpinBox(self)
        self.qty.setDecimals(0)
        self.qty.setRange(1, 999)
        self.qty.setValue(1)
        self.received_by = QLineEdit(self)
        self.record_button = QPushButton(self)
        self.record_button.setObjectName("recordGrant")
        self.record_button.clicked.connect(self.submit)
        self.message = Label(parent=self)
        self.message.setObjectName("grantMessage")
        self.message.setWordWrap(True)

        self.warning = QFrame(self)
        self.warning.setObjectName("entitlementWarning")
        self.warning_text = Label(parent=self.warning)
        self.warning_text.setObjectName("warningText")
        self.warning_text.setWordWrap(True)
        self.reason = QLineEdit(self.warning)
        self.reason.setObjectName("overrideReason")
        self.override_button = QPushButton(self.warning)
        self.override_button.setObjectName("overrideButton")
        self.override_button.clicked.connect(self.override)
        self.supervisor_note = Label(parent=self.warning)
        self.supervisor_note.setWordWrap(True)
        warning_layout = QVBoxLayout(self.warning)
        warning_layout.addWidget(self.warning_text)
        reason_row = QHBoxLayout()
        reason_row.addWidget(self.reason, 1)
        reason_row.addWidget(self.override_button)
        warning_layout.addLayout(reason_row)
        warning_layout.addWidget(self.supervisor_note)
        self.warning.hide()

        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.labels = [Label(parent=self) for _ in range(4)]
        self.form.addRow(self.labels[0], self.recipient)
        row = QHBoxLayout()
        row.addWidget(self.thing, 3)
        row.addWidget(self.labels[2])
        row.addWidget(self.qty, 1)
        self.form.addRow(self.labels[1], row)
        self.form.addRow(self.labels[3], self.received_by)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.record_button)
        layout.addLayout(buttons)
        layout.addWidget(self.warning)
        self.setTabOrder(self.recipient, self.thing)
        self.setTabOrder(self.thing, self.qty)
        self.setTabOrder(self.qty, self.received_by)
        self.setTabOrder(self.received_by, self.record_button)
        self.retranslate()

    # -- state ----------------------------------------------------------------

    def set_catalogue(self, entries: list[CatalogueEntry]) -> None:
        self.entries = entries
        self._fill_things()

    def set_household(self, household: DouarHousehold | None, members: list[Member]) -> None:
        same = self.household is not None and household is not None
        same = same and self.household.id == household.id  # type: ignore[union-attr]
        self.household, self.members = household, members
        keep = self.recipient.currentIndex() if same else 0
        self._fill_recipients()
        self.recipient.setCurrentIndex(max(0, min(keep, self.recipient.count() - 1)))
        if not same:
            self.drop_warning()
        self.setEnabled(household is not None)

    def focus_thing(self) -> None:
        self.thing.setFocus()

    def retranslate(self) -> None:
        for label, text in zip(
            self.labels,
            (_("Given to"), _("Kit or item"), _("Quantity"), _("Received by")),
            strict=True,
        ):
            label.setText(text)
        self.received_by.setPlaceholderText(_("Name or relationship (optional)"))
        set_button_text(self.record_button, _("Record (Enter)"))
        self.reason.setPlaceholderText(_("Reason for giving it anyway"))
        set_button_text(self.override_button, _("Record anyway"))
        self.supervisor_note.setText(
            _("Only an administrator or a campaign lead can record it anyway.")
        )
        self._fill_things()
        self._fill_recipients()
        if self.pending is not None:
            self._show_violations(self._last_violations)

    def _fill_things(self) -> None:
        current = self.thing.currentIndex()
        self.thing.clear()
        for entry in self.entries:
            self.thing.addItem(entry_name(entry), entry.id)
        self.thing.setCurrentIndex(max(0, current))

    def _fill_recipients(self) -> None:
        current = self.recipient.currentIndex()
        self.recipient.clear()
        if self.household is None:
            return
        self.recipient.addItem(
            _("The whole household ({code})").format(
                code=isolate_ltr(self.household.beneficiary_code)
            ),
            None,
        )
        for member in self.members:
            name = (
                member.name_latn
                if member.name_latn and current_language() != "ar"
                else member.name_ar
            )
            self.recipient.addItem(isolate_auto(name or member.name_latn), member.id)
        self.recipient.setCurrentIndex(max(0, current))

    # -- actions --------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if not self.warning.isHidden() and self.reason.hasFocus():
                self.override()
            else:
                self.submit()
            return
        if event.key() == Qt.Key.Key_Escape and not self.warning.isHidden():
            self.drop_warning()
            return
        super().keyPressEvent(event)

    def drop_warning(self) -> None:
        self.pending = None
        self.warning.hide()
        self.reason.clear()

    def submit(self) -> None:
        household = self.household
        if self.round_id is None or self.geo_code is None:
            self.message.setText(_("Start or choose a round, then open a douar."))
            return
        if household is None or not self.entries:
            self.message.setText(_("Choose a household in the list first."))
            return
        round_id, geo_code = self.round_id, self.geo_code
        try:
            event_id = self.session.write(
                lambda s: distribution_event_for(
                    s, round_id=round_id, geo_code=geo_code, on=date.today(), access_mode="road"
                )
            )
        except ColdwaveError as err:
            self.message.setText(translate_error(err))
            return
        self.check_at(event_id)

    def check_at(self, event_id: str, *, record_if_clear: bool = True) -> None:
        """Check the line against the rules at this distribution event: show the
        warning, or record it when nothing holds it back (and `record_if_clear`)."""
        if self.household is None or not self.entries:
            return
        entry = self.entries[max(0, self.thing.currentIndex())]
        person_id = self.recipient.currentData()
        qty = float(self.qty.value())
        pending = Pending(event_id, None if person_id else self.household.id, person_id, entry, qty)
        try:
            violations = self.session.read(
                lambda s: preview_line(
                    s,
                    event_id=event_id,
                    household_id=pending.household_id,
                    person_id=pending.person_id,
                    kit_type_id=entry.id if entry.kind == "kit" else None,
                    item_id=entry.id if entry.kind == "item" else None,
                    qty=qty,
                )
            )
        except ColdwaveError as err:
            self.message.setText(translate_error(err))
            return
        if violations:
            self.pending = pending
            self._show_violations(violations)
        elif record_if_clear:
            self._record(pending, None)

    def override(self) -> None:
        if self.pending is None:
            return
        self._record(self.pending, self.reason.text())

    def _show_violations(self, violations: list[Violation]) -> None:
        self._last_violations = violations
        lines = [_("Already received: check it is the same household before giving again.")]
        lines += [violation_text(v) for v in violations]
        self.warning_text.setText("\n".join(lines))
        supervisor = self.session.read(can_override)
        self.reason.setEnabled(supervisor)
        self.override_button.setEnabled(supervisor)
        self.supervisor_note.setVisible(not supervisor)
        self.message.setText(_("Not recorded: a rule holds it back."))
        self.warning.show()
        if supervisor:
            self.reason.setFocus()

    def _record(self, pending: Pending, reason: str | None) -> None:
        entry = pending.entry
        try:
            self.session.write(
                lambda s: record_distribution(
                    s,
                    event_id=pending.event_id,
                    household_id=pending.household_id,
                    person_id=pending.person_id,
                    kit_type_id=entry.id if entry.kind == "kit" else None,
                    item_id=entry.id if entry.kind == "item" else None,
                    qty=pending.qty,
                    received_by=self.received_by.text().strip() or None,
                    override_reason=reason,
                )
            )
        except ColdwaveError as err:
            target = self.supervisor_note if not self.warning.isHidden() else self.message
            target.setText(translate_error(err))
            target.show()
            return
        self.message.setText(
            _("Recorded: {qty} × {thing}.").format(
                qty=quantity(pending.qty), thing=entry_name(entry)
            )
        )
        self.drop_warning()
        self.received_by.clear()
        self.qty.setValue(1)
        if self.household is not None:
            self.recorded.emit(self.household.id)
