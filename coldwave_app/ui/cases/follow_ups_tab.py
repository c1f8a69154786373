"""The follow-up section: every contact (and reintegration check) of the case, and
the form recording a new contact with the date of the next one."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QWidget

from coldwave_app.domain.errors import N_
from coldwave_app.i18n import _
from coldwave_app.services import case_desk
from coldwave_app.services.case_follow_ups import record_follow_up
from coldwave_app.ui.cases.form_parts import TextTable, attempt, date_edit, date_of, short_date
from coldwave_app.ui.cases.labels import FOLLOW_UP_KINDS, FOLLOW_UP_MODES, label
from coldwave_app.ui.cases.section import CaseSection, SectionForm
from coldwave_app.ui.session import Session
from coldwave_app.ui.widgets import Label

__all__ = ["FollowUpsTab"]

HEADERS = (
    N_("Date"),
    N_("What"),
    N_("How"),
    N_("Outcome"),
    N_("Situation"),
    N_("Next follow-up"),
    N_("Recorded by"),
)


class FollowUpsTab(CaseSection):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.table = TextTable(HEADERS, self)
        self.form = SectionForm(self.submit, self)
        self.date_edit = date_edit(self.form)
        self.mode_combo = QComboBox(self.form)
        for code in FOLLOW_UP_MODES:
            self.mode_combo.addItem("", code)
        self.outcome_edit = QLineEdit(self.form)
        self.summary_edit = QLineEdit(self.form)
        self.next_box = QCheckBox(self.form)
        self.next_box.setChecked(True)
        self.next_edit = date_edit(self.form, date.today() + timedelta(days=14))
        self.next_box.toggled.connect(self.next_edit.setEnabled)
        next_row = QWidget(self.form)
        row = QHBoxLayout(next_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.next_box)
        row.addWidget(self.next_edit, 1)
        self.labels = [Label("", self.form) for _ in range(5)]
        for lab, field in zip(
            self.labels,
            (self.date_edit, self.mode_combo, self.outcome_edit, self.summary_edit, next_row),
            strict=True,
        ):
            self.form.rows.addRow(lab, field)
        self.two_columns([self.table], [self.form])
        self.retranslate()

    def first_field(self) -> QWidget | None:
        return self.date_edit

    def reload(self) -> None:
        case_id = self.case_id
        if case_id is None:
            return
        found = self.session.read(lambda s: case_desk.follow_ups(s, case_id=case_id))
        rows = [
            [
                short_date(f.occurred_on),
                label(FOLLOW_UP_KINDS, f.kind),
                label(FOLLOW_UP_MODES, f.mode),
                f.outcome or "",
                f.status_summary or "",
                short_date(f.next_date),
                f.author or "",
            ]
            for f in found
        ]
        self.table.text_model.set_rows(rows, [f.id for f in found])
        self.form.setEnabled(not self.closed)

    def submit(self) -> None:
        case_id = self.case_id
        if case_id is None:
            return
        day, mode = date_of(self.date_edit), str(self.mode_combo.currentData())
        outcome, summary = self.outcome_edit.text(), self.summary_edit.text()
        next_date = date_of(self.next_edit) if self.next_box.isChecked() else None
        if attempt(
            self.form.message,
            lambda: self.session.write(
                lambda s: record_follow_up(
                    s,
                    case_id=case_id,
                    occurred_on=day,
                    mode=mode,
                    outcome=outcome,
                    status_summary=summary,
                    next_date=next_date,
                )
            ),
        ):
            self.outcome_edit.clear()
            self.summary_edit.clear()
            self.form.message.show_info(_("Follow-up recorded."))

    def retranslate(self) -> None:
        self.table.text_model.retranslate()
        self.form.setTitle(_("New follow-up"))
        self.form.button.setText(_("Record the follow-up"))
        for i, code in enumerate(FOLLOW_UP_MODES):
            self.mode_combo.setItemText(i, _(FOLLOW_UP_MODES[code]))
        self.next_box.setToolTip(_("Next follow-up on"))
        texts = (_("Date"), _("How"), _("Outcome"), _("Situation"), _("Next follow-up"))
        for lab, text in zip(self.labels, texts, strict=True):
            lab.setText(text)
        if self.case_id is not None:
            self.reload()
