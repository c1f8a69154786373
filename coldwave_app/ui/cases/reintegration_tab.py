"""The family reintegration section: the family contact (withheld from roles that
may not read it), the mediation steps, the return, and the 30- and 90-day checks
with their due dates. One form at a time is offered, as the work goes:
start → mediation steps → return → checks."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from coldwave_app.domain.errors import N_
from coldwave_app.i18n import _
from coldwave_app.i18n.formatting import format_number
from coldwave_app.services import case_desk
from coldwave_app.services.case_desk import ReintegrationView
from coldwave_app.services.case_follow_ups import (
    record_mediation_step,
    record_reintegration_check,
    record_return,
    start_reintegration,
)
from coldwave_app.ui.cases.form_parts import TextTable, attempt, date_edit, date_of, short_date
from coldwave_app.ui.cases.labels import (
    CHECKS,
    FOLLOW_UP_MODES,
    MEDIATION_STEPS,
    REINTEGRATION_STATUSES,
    code_text,
    label,
)
from coldwave_app.ui.cases.section import CaseSection, SectionForm
from coldwave_app.ui.session import Session
from coldwave_app.ui.widgets import Label

__all__ = ["ReintegrationTab", "check_text"]

HEADERS = (N_("Date"), N_("Step"), N_("Outcome"))


def check_text(kind: str, due: date, done: date | None, today: date) -> str:
    """ "30-day check: due on 12/02/2026, done on 13/02/2026" (or overdue, or to do)."""
    head = _("{check}: due on {day}").format(check=label(CHECKS, kind), day=short_date(due))
    if done is not None:
        return head + " — " + _("done on {day}").format(day=short_date(done))
    if due < today:
        late = format_number((today - due).days)
        return head + " — " + _("Days overdue: {n}").format(n=late)
    return head + " — " + _("to do")


def _combo(parent: QWidget, codes: dict[str, str]) -> QComboBox:
    combo = QComboBox(parent)
    for code in codes:
        combo.addItem("", code)
    return combo


class ReintegrationTab(CaseSection):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.current: ReintegrationView | None = None
        self.summary = Label("", self)
        self.summary.setWordWrap(True)
        self.checks_line = Label("", self)
        self.checks_line.setObjectName("checksLine")
        self.steps = TextTable(HEADERS, self)

        self.start_form = SectionForm(self.start, self)
        self.contact_edits = [QLineEdit(self.start_form) for _ in range(4)]
        self.start_labels = [Label("", self.start_form) for _ in range(4)]
        for lab, edit in zip(self.start_labels, self.contact_edits, strict=True):
            self.start_form.rows.addRow(lab, edit)

        self.step_form = SectionForm(self.add_step, self)
        self.step_date = date_edit(self.step_form)
        self.step_combo = _combo(self.step_form, MEDIATION_STEPS)
        self.step_outcome = QLineEdit(self.step_form)
        self.step_labels = [Label("", self.step_form) for _ in range(3)]
        for lab, field in zip(
            self.step_labels, (self.step_date, self.step_combo, self.step_outcome), strict=True
        ):
            self.step_form.rows.addRow(lab, field)

        self.return_form = SectionForm(self.record_return, self)
        self.return_date = date_edit(self.return_form)
        self.items_edit = QLineEdit(self.return_form)
        self.return_labels = [Label("", self.return_form) for _ in range(2)]
        for lab, field in zip(self.return_labels, (self.return_date, self.items_edit), strict=True):
            self.return_form.rows.addRow(lab, field)

        self.check_form = SectionForm(self.record_check, self)
        self.check_combo = _combo(self.check_form, CHECKS)
        self.check_date = date_edit(self.check_form)
        self.check_mode = _combo(self.check_form, FOLLOW_UP_MODES)
        self.check_outcome = QLineEdit(self.check_form)
        self.check_labels = [Label("", self.check_form) for _ in range(4)]
        for lab, field in zip(
            self.check_labels,
            (self.check_combo, self.check_date, self.check_mode, self.check_outcome),
            strict=True,
        ):
            self.check_form.rows.addRow(lab, field)

        self.two_columns(
            [self.summary, self.checks_line, self.steps],
            [self.start_form, self.step_form, self.return_form, self.check_form],
        )
        self.retranslate()

    def first_field(self) -> QWidget | None:
        for form, field in (
            (self.start_form, self.contact_edits[0]),
            (self.step_form, self.step_date),
            (self.check_form, self.check_combo),
        ):
            if form.isVisibleTo(self):
                return field
        return self.steps

    def reload(self) -> None:
        case_id, role = self.case_id, self.session.role
        if case_id is None:
            return
        found = self.session.read(lambda s: case_desk.reintegrations(s, case_id=case_id, role=role))
        self.current = found[-1] if found else None
        r = self.current
        returned = r is not None and r.reintegrated_on is not None
        self.start_form.setVisible(r is None)
        self.step_form.setVisible(r is not None and not returned)
        self.return_form.setVisible(r is not None and not returned)
        self.check_form.setVisible(returned)
        for form in (self.start_form, self.step_form, self.return_form, self.check_form):
            form.setEnabled(not self.closed)
        self.steps.setVisible(r is not None)
        self._describe()

    def _describe(self) -> None:
        r = self.current
        if r is None:
            self.summary.setText(_("No family mediation on this case yet."))
            self.checks_line.hide()
            self.steps.text_model.set_rows([])
            return
        lines = [_("Status: {status}").format(status=label(REINTEGRATION_STATUSES, r.status))]
        if r.contact_withheld:
            lines.append(_("Family contact withheld for your role."))
        else:
            # A phone number is digit groups: kept left to right, or Arabic reverses them.
            phone = code_text(r.contact_phone)
            parts = [r.contact_name, r.contact_relation, phone, r.contact_place]
            contact = " · ".join(p for p in parts if p)
            if contact:
                lines.append(_("Family contact: {contact}").format(contact=contact))
        if r.reintegrated_on is not None:
            lines.append(
                _("Back with the family since {day}").format(day=short_date(r.reintegrated_on))
            )
        if r.items_given:
            lines.append(_("Given on return: {items}").format(items=r.items_given))
        self.summary.setText("\n".join(lines))
        today = date.today()
        checks = [check_text(kind, due, done, today) for kind, due, done in r.checks]
        self.checks_line.setText("\n".join(checks))
        self.checks_line.setVisible(bool(checks))
        self.steps.text_model.set_rows(
            [
                [short_date(s.occurred_on), label(MEDIATION_STEPS, s.step), s.outcome or ""]
                for s in r.steps
            ],
            [s.id for s in r.steps],
        )

    # -- the forms ---------------------------------------------------------------------

    def start(self) -> None:
        case_id = self.case_id
        if case_id is None:
            return
        name, relation, phone, place = (e.text() for e in self.contact_edits)
        if attempt(
            self.start_form.message,
            lambda: self.session.write(
                lambda s: start_reintegration(
                    s,
                    case_id=case_id,
                    contact_name=name,
                    contact_relation=relation,
                    contact_phone=phone,
                    contact_place=place,
                )
            ),
        ):
            for e in self.contact_edits:
                e.clear()

    def add_step(self) -> None:
        if self.current is None:
            return
        rid, day = self.current.id, date_of(self.step_date)
        step, outcome = str(self.step_combo.currentData()), self.step_outcome.text()
        if attempt(
            self.step_form.message,
            lambda: self.session.write(
                lambda s: record_mediation_step(
                    s, reintegration_id=rid, occurred_on=day, step=step, outcome=outcome
                )
            ),
        ):
            self.step_outcome.clear()
            self.step_form.message.show_info(_("Mediation step recorded."))

    def record_return(self) -> None:
        if self.current is None:
            return
        rid, day, items = self.current.id, date_of(self.return_date), self.items_edit.text()
        if attempt(
            self.return_form.message,
            lambda: self.session.write(
                lambda s: record_return(s, reintegration_id=rid, returned_on=day, items_given=items)
            ),
        ):
            self.items_edit.clear()

    def record_check(self) -> None:
        if self.current is None:
            return
        rid, day = self.current.id, date_of(self.check_date)
        check, mode = str(self.check_combo.currentData()), str(self.check_mode.currentData())
        outcome = self.check_outcome.text()
        if attempt(
            self.check_form.message,
            lambda: self.session.write(
                lambda s: record_reintegration_check(
                    s,
                    reintegration_id=rid,
                    check=check,
                    occurred_on=day,
                    mode=mode,
                    outcome=outcome,
                )
            ),
        ):
            self.check_outcome.clear()
            self.check_form.message.show_info(_("Check recorded."))

    def retranslate(self) -> None:
        self.steps.text_model.retranslate()
        self.start_form.setTitle(_("Start a family mediation"))
        self.start_form.button.setText(_("Start the mediation"))
        texts = (_("Family contact"), _("Relation"), _("Phone"), _("Place"))
        for lab, text in zip(self.start_labels, texts, strict=True):
            lab.setText(text)
        self.step_form.setTitle(_("Mediation step"))
        self.step_form.button.setText(_("Record the step"))
        for lab, text in zip(self.step_labels, (_("Date"), _("Step"), _("Outcome")), strict=True):
            lab.setText(text)
        for i, code in enumerate(MEDIATION_STEPS):
            self.step_combo.setItemText(i, _(MEDIATION_STEPS[code]))
        self.return_form.setTitle(_("Return to the family"))
        self.return_form.button.setText(_("Record the return"))
        for lab, text in zip(
            self.return_labels, (_("Returned on"), _("Given on return")), strict=True
        ):
            lab.setText(text)
        self.check_form.setTitle(_("Check after the return"))
        self.check_form.button.setText(_("Record the check"))
        texts = (_("Check"), _("Date"), _("How"), _("Outcome"))
        for lab, text in zip(self.check_labels, texts, strict=True):
            lab.setText(text)
        for i, code in enumerate(CHECKS):
            self.check_combo.setItemText(i, _(CHECKS[code]))
        for i, code in enumerate(FOLLOW_UP_MODES):
            self.check_mode.setItemText(i, _(FOLLOW_UP_MODES[code]))
        if self.case_id is not None:
            self.reload()
