"""The assessment section: the latest assessment, the earlier ones, and the form
that records a new one (needs, priority, summary, restricted detail)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QLineEdit, QWidget

from coldwave_app.domain.errors import N_
from coldwave_app.i18n import _
from coldwave_app.services import case_desk
from coldwave_app.services.case_files import record_assessment
from coldwave_app.ui.cases.form_parts import TextTable, attempt, date_edit, date_of, short_date
from coldwave_app.ui.cases.labels import NEEDS, PRIORITIES, joined, label
from coldwave_app.ui.cases.section import CaseSection, SectionForm
from coldwave_app.ui.session import Session
from coldwave_app.ui.widgets import Label

__all__ = ["AssessmentTab"]

HEADERS = (N_("Assessed on"), N_("Needs"), N_("Priority"), N_("Summary"), N_("Recorded by"))


class AssessmentTab(CaseSection):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.latest = Label("", self)
        self.latest.setWordWrap(True)
        self.table = TextTable(HEADERS, self)
        self.form = SectionForm(self.submit, self)
        self.date_edit = date_edit(self.form)
        self.need_boxes: dict[str, QCheckBox] = {}
        needs = QWidget(self.form)
        grid = QGridLayout(needs)
        grid.setContentsMargins(0, 0, 0, 0)
        for n, code in enumerate(NEEDS):
            box = QCheckBox(needs)
            self.need_boxes[code] = box
            grid.addWidget(box, n // 2, n % 2)
        self.priority_combo = QComboBox(self.form)
        for code in PRIORITIES:
            self.priority_combo.addItem("", code)
        self.priority_combo.setCurrentIndex(1)
        self.summary_edit = QLineEdit(self.form)
        self.detail_edit = QLineEdit(self.form)
        self.labels = [Label("", self.form) for _ in range(5)]
        for lab, field in zip(
            self.labels,
            (self.date_edit, needs, self.priority_combo, self.summary_edit, self.detail_edit),
            strict=True,
        ):
            self.form.rows.addRow(lab, field)
        self.two_columns([self.latest, self.table], [self.form])
        self.retranslate()

    def first_field(self) -> QWidget | None:
        return self.date_edit

    def reload(self) -> None:
        case_id, role = self.case_id, self.session.role
        if case_id is None:
            return
        found = self.session.read(lambda s: case_desk.assessments(s, case_id=case_id, role=role))
        rows = []
        for a in found:
            rows.append(
                [
                    short_date(a.assessed_on),
                    joined([label(NEEDS, n) for n in a.needs]),
                    label(PRIORITIES, a.priority),
                    a.summary or "",
                    a.author or "",
                ]
            )
        self.table.text_model.set_rows(rows, [a.id for a in found])
        self._latest_text(found[0] if found else None)
        allowed = case_desk.may_read_restricted(role)
        self.detail_edit.setVisible(allowed)
        self.labels[4].setVisible(allowed)
        self.form.setEnabled(not self.closed)

    def _latest_text(self, latest: case_desk.AssessmentView | None) -> None:
        if latest is None:
            self.latest.setText(_("No assessment yet: record one after listening."))
            return
        parts = [
            _("Latest assessment, {day}").format(day=short_date(latest.assessed_on)),
            _("Needs: {needs}").format(needs=joined([label(NEEDS, n) for n in latest.needs])),
            _("Priority: {priority}").format(priority=label(PRIORITIES, latest.priority)),
        ]
        if latest.summary:
            parts.append(latest.summary)
        if latest.restricted_detail:
            parts.append(_("Restricted detail: {text}").format(text=latest.restricted_detail))
        elif latest.detail_withheld:
            parts.append(_("Restricted detail withheld for your role."))
        self.latest.setText("\n".join(parts))

    def submit(self) -> None:
        case_id = self.case_id
        if case_id is None:
            return
        needs = [code for code, box in self.need_boxes.items() if box.isChecked()]
        day = date_of(self.date_edit)
        priority = str(self.priority_combo.currentData())
        summary, detail = self.summary_edit.text(), self.detail_edit.text()
        ok = attempt(
            self.form.message,
            lambda: self.session.write(
                lambda s: record_assessment(
                    s,
                    case_id=case_id,
                    assessed_on=day,
                    needs=needs,
                    priority=priority,
                    summary=summary,
                    restricted_detail=detail,
                )
            ),
        )
        if ok:
            for box in self.need_boxes.values():
                box.setChecked(False)
            self.summary_edit.clear()
            self.detail_edit.clear()
            self.form.message.show_info(_("Assessment recorded."))

    def retranslate(self) -> None:
        self.table.text_model.retranslate()
        self.form.setTitle(_("New assessment"))
        self.form.button.setText(_("Record the assessment"))
        self.form.button.setToolTip(_("Record the assessment") + " (Enter)")
        for code, box in self.need_boxes.items():
            box.setText(_(NEEDS[code]))
        for i, code in enumerate(PRIORITIES):
            self.priority_combo.setItemText(i, _(PRIORITIES[code]))
        for lab, msgid in zip(
            self.labels,
            (
                N_("Assessed on"),
                N_("Needs"),
                N_("Priority"),
                N_("Summary"),
                N_("Restricted detail"),
            ),
            strict=True,
        ):
            lab.setText(_(msgid))
        if self.case_id is not None:
            self.reload()
