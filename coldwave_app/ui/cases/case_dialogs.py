"""Two small dialogs of the case file: closing the case with a reason, and the
history of one field (every value it held, when and by whom)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from coldwave_app.domain.errors import N_, ColdwaveError
from coldwave_app.i18n import _, translate_error
from coldwave_app.i18n.formatting import format_datetime
from coldwave_app.services import case_desk
from coldwave_app.services.case_files import close_case, field_history
from coldwave_app.ui.cases.form_parts import MessageLine, TextTable, attempt, date_edit, date_of
from coldwave_app.ui.cases.labels import CASE_STATUSES, CLOSURE_REASONS, PRIORITIES, label
from coldwave_app.ui.session import Session
from coldwave_app.ui.widgets import Label, ok_cancel_buttons

__all__ = ["HISTORY_FIELDS", "CloseCaseDialog", "HistoryDialog"]


class CloseCaseDialog(QDialog):
    def __init__(self, session: Session, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.case_id = case_id
        self.explain = Label("", self)
        self.explain.setWordWrap(True)
        self.date_edit = date_edit(self)
        self.reason_combo = QComboBox(self)
        for code in CLOSURE_REASONS:
            self.reason_combo.addItem("", code)
        self.message = MessageLine(self)
        self.labels = [Label("", self) for _ in range(2)]
        form = QFormLayout()
        form.addRow(self.labels[0], self.date_edit)
        form.addRow(self.labels[1], self.reason_combo)
        self.buttons = ok_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.reason_combo.setFocus()

    def accept(self) -> None:
        day, reason, case_id = (
            date_of(self.date_edit),
            str(self.reason_combo.currentData()),
            self.case_id,
        )
        closed_at = datetime(day.year, day.month, day.day, datetime.now().hour)
        if attempt(
            self.message,
            lambda: self.session.write(
                lambda s: close_case(s, case_id=case_id, closed_at=closed_at, reason=reason)
            ),
        ):
            super().accept()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Close the case"))
        self.explain.setText(
            _("What was still due on this case leaves the due list. Notes can still be added.")
        )
        self.labels[0].setText(_("Closed on"))
        self.labels[1].setText(_("Reason"))
        for i, code in enumerate(CLOSURE_REASONS):
            self.reason_combo.setItemText(i, _(CLOSURE_REASONS[code]))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Close the case"))


# (msgid, table, field, labels of its values): the fields whose history is offered.
HISTORY_FIELDS: tuple[tuple[str, str, str, dict[str, str]], ...] = (
    (N_("Priority"), "case_file", "priority", PRIORITIES),
    (N_("Status"), "case_file", "status", CASE_STATUSES),
    (N_("Caseworker"), "case_file", "caseworker_id", {}),
)


class HistoryDialog(QDialog):
    """Every value a field of the case file held, oldest first, with who set it."""

    def __init__(self, session: Session, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.case_id = case_id
        self.field_combo = QComboBox(self)
        for _msgid, _table, _field, _labels in HISTORY_FIELDS:
            self.field_combo.addItem("")
        self.table = TextTable((N_("When"), N_("Value"), N_("Set by")), self)
        self.message = MessageLine(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.field_combo)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.field_combo.currentIndexChanged.connect(lambda _i: self.load())
        self.resize(560, 380)
        self.retranslate()
        self.field_combo.setFocus()

    def load(self) -> None:
        index = max(self.field_combo.currentIndex(), 0)
        _msgid, table, field, labels = HISTORY_FIELDS[index]
        case_id = self.case_id
        users = self.session.read(case_desk.user_names)
        try:
            changes = self.session.read(
                lambda s: field_history(s, table=table, record_id=case_id, field=field)
            )
        except ColdwaveError as err:
            self.message.show_error(translate_error(err))
            return
        rows = []
        for change in changes:
            value = "" if change.value is None else str(change.value)
            shown = users.get(value, value) if field == "caseworker_id" else label(labels, value)
            when = datetime.fromisoformat(change.recorded_at)
            rows.append([format_datetime(when), shown or "—", users.get(change.user_id, "")])
        self.table.text_model.set_rows(rows)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Field history"))
        for i, (msgid, _t, _f, _l) in enumerate(HISTORY_FIELDS):
            self.field_combo.setItemText(i, _(msgid))
        self.table.text_model.retranslate()
        self.load()
