"""Consent to share a person's details with referral partners (law 09-08): the line
that says whether it stands, and the dialog that records it (or its refusal)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from coldwave_app.i18n import _
from coldwave_app.services.case_desk import ConsentRow
from coldwave_app.services.people import record_consent
from coldwave_app.services.referrals import REFERRAL_CONSENT_PURPOSE
from coldwave_app.ui.cases.form_parts import (
    WARNING_COLOUR,
    MessageLine,
    attempt,
    date_edit,
    date_of,
    short_date,
)
from coldwave_app.ui.cases.labels import CONSENT_METHODS, label
from coldwave_app.ui.session import Session
from coldwave_app.ui.widgets import Label, ok_cancel_buttons

__all__ = ["ConsentDialog", "consent_stands", "show_consent"]


def consent_stands(consent: ConsentRow | None) -> bool:
    return consent is not None and consent.given == 1 and consent.withdrawn_at is None


def show_consent(line: Label, consent: ConsentRow | None) -> None:
    """Say in `line` whether the consent to referral sharing stands, and if not, why
    a referral will be refused (in the warning colour, and in words)."""
    if consent_stands(consent):
        assert consent is not None
        line.setStyleSheet("color: #166534;")
        line.setText(
            "✓ "
            + _("Consent to share with partners: given on {day} ({method}).").format(
                day=short_date(consent.given_on), method=label(CONSENT_METHODS, consent.method)
            )
        )
        return
    if consent is None:
        why = _("No consent to share this person's details with partners is recorded.")
    elif consent.withdrawn_at is not None:
        why = _("The consent to share with partners was withdrawn on {day}.").format(
            day=short_date(consent.withdrawn_at)
        )
    else:
        why = _("The person refused to have their details shared with partners ({day}).").format(
            day=short_date(consent.given_on)
        )
    line.setStyleSheet(f"color: {WARNING_COLOUR}; font-weight: bold;")
    line.setText("⚠ " + why + " " + _("A referral will be refused until consent is recorded."))


class ConsentDialog(QDialog):
    """Record the person's answer about sharing their details with referral partners."""

    def __init__(self, session: Session, person_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.person_id = person_id
        self.explain = Label("", self)
        self.explain.setWordWrap(True)
        self.answer_combo = QComboBox(self)
        self.answer_combo.addItem("", True)
        self.answer_combo.addItem("", False)
        self.method_combo = QComboBox(self)
        for code in CONSENT_METHODS:
            self.method_combo.addItem("", code)
        self.witness_edit = QLineEdit(self)
        self.language_edit = QLineEdit(self)
        self.date_edit = date_edit(self)
        self.message = MessageLine(self)
        self.labels = [Label("", self) for _ in range(5)]
        form = QFormLayout()
        for lab, field in zip(
            self.labels,
            (
                self.answer_combo,
                self.method_combo,
                self.witness_edit,
                self.language_edit,
                self.date_edit,
            ),
            strict=True,
        ):
            form.addRow(lab, field)
        self.buttons = ok_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.answer_combo.setFocus()

    def accept(self) -> None:
        given = bool(self.answer_combo.currentData())
        method = str(self.method_combo.currentData())
        witness, language = self.witness_edit.text(), self.language_edit.text()
        day = date_of(self.date_edit)
        person = self.person_id
        ok = attempt(
            self.message,
            lambda: self.session.write(
                lambda s: record_consent(
                    s,
                    person_id=person,
                    purpose=REFERRAL_CONSENT_PURPOSE,
                    method=method,
                    given=given,
                    witness=witness or None,
                    language=language or None,
                    given_on=day,
                )
            ),
        )
        if ok:
            super().accept()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Consent to share with partners"))
        self.explain.setText(
            _(
                "Read the purpose aloud in the person's language: their name, needs and "
                "situation are shared only with the partners the case is referred to."
            )
        )
        self.answer_combo.setItemText(0, _("Gives consent"))
        self.answer_combo.setItemText(1, _("Refuses"))
        for i, code in enumerate(CONSENT_METHODS):
            self.method_combo.setItemText(i, _(CONSENT_METHODS[code]))
        texts = (
            _("Answer"),
            _("How"),
            _("Witness"),
            _("Language used"),
            _("Date"),
        )
        for lab, text in zip(self.labels, texts, strict=True):
            lab.setText(text)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Record the answer"))
