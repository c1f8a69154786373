"""The notes section: the notes the user's role may read, how many others exist
("N notes hidden for your role"), and the form adding a note with its visibility.

New notes default to caseworker-only: case notes are private by default (09-08).
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from coldwave_app.domain.errors import N_
from coldwave_app.i18n import _
from coldwave_app.i18n.formatting import format_number
from coldwave_app.services import case_desk
from coldwave_app.services.case_files import add_note, notes_for
from coldwave_app.ui.cases.form_parts import TextTable, attempt, short_date
from coldwave_app.ui.cases.labels import VISIBILITIES, label
from coldwave_app.ui.cases.section import CaseSection, SectionForm
from coldwave_app.ui.session import Session
from coldwave_app.ui.widgets import Label

__all__ = ["NotesTab"]

HEADERS = (N_("Date"), N_("Written by"), N_("Who may read it"), N_("Note"))


class NotesTab(CaseSection):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.withheld = 0
        self.hidden_line = Label("", self)
        self.hidden_line.setObjectName("hiddenNotes")
        self.table = TextTable(HEADERS, self, wide_last=True)
        self.table.setWordWrap(True)
        self.form = SectionForm(self.submit, self)
        self.visibility_combo = QComboBox(self.form)
        for code in VISIBILITIES:
            self.visibility_combo.addItem("", code)
        self.text_edit = QLineEdit(self.form)
        self.labels = [Label("", self.form) for _ in range(2)]
        for lab, field in zip(self.labels, (self.visibility_combo, self.text_edit), strict=True):
            self.form.rows.addRow(lab, field)
        self.two_columns([self.hidden_line, self.table], [self.form])
        self.retranslate()

    def first_field(self) -> QWidget | None:
        return self.text_edit

    def reload(self) -> None:
        case_id, role = self.case_id, self.session.role
        if case_id is None:
            return
        found = self.session.read(lambda s: notes_for(s, case_id=case_id, role=role))
        users = self.session.read(case_desk.user_names)
        rows = [
            [
                short_date(n.written_at),
                users.get(n.author_id, ""),
                label(VISIBILITIES, n.visibility),
                n.text,
            ]
            for n in found.notes
        ]
        self.table.text_model.set_rows(rows, [n.id for n in found.notes])
        self.table.resizeRowsToContents()  # a note is read whole, wrapped
        self.withheld = found.withheld
        self._hidden_text()

    def _hidden_text(self) -> None:
        if self.withheld:
            self.hidden_line.setText(
                _("{n} notes hidden for your role: ask the caseworker.").format(
                    n=format_number(self.withheld)
                )
            )
            self.hidden_line.show()
        else:
            self.hidden_line.hide()

    def submit(self) -> None:
        case_id = self.case_id
        if case_id is None:
            return
        visibility, text = str(self.visibility_combo.currentData()), self.text_edit.text()
        if attempt(
            self.form.message,
            lambda: self.session.write(
                lambda s: add_note(s, case_id=case_id, visibility=visibility, text=text)
            ),
        ):
            self.text_edit.clear()
            self.form.message.show_info(_("Note added."))

    def retranslate(self) -> None:
        self.table.text_model.retranslate()
        self.form.setTitle(_("New note"))
        self.form.button.setText(_("Add the note"))
        for i, code in enumerate(VISIBILITIES):
            self.visibility_combo.setItemText(i, _(VISIBILITIES[code]))
        for lab, text in zip(self.labels, (_("Who may read it"), _("Note")), strict=True):
            lab.setText(text)
        self._hidden_text()
        if self.case_id is not None:
            self.reload()
