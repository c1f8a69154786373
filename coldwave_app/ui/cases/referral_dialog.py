"""Refer a case to a partner: which partner, for which service, sent on which day.

The line at the top says whether the person's consent to referral sharing stands.
Without it the service refuses the referral and the refusal is shown here; the
dialog stays open with what was typed, and "Record consent…" opens the consent
dialog so the referral can be sent right after.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coldwave_app.i18n import _, current_language
from coldwave_app.services import case_desk
from coldwave_app.services.referrals import refer
from coldwave_app.ui.cases.consent_dialogs import ConsentDialog, show_consent
from coldwave_app.ui.cases.form_parts import MessageLine, attempt, date_edit, date_of
from coldwave_app.ui.session import Session
from coldwave_app.ui.widgets import Label, ok_cancel_buttons

__all__ = ["ReferralDialog"]


class ReferralDialog(QDialog):
    def __init__(self, session: Session, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.case_id = case_id
        self.referral_id: str | None = None
        self.consent_line = Label("", self)
        self.consent_line.setWordWrap(True)
        self.consent_button = QPushButton(self)
        self.consent_button.setAutoDefault(False)
        self.consent_button.clicked.connect(self.record_consent)
        self.partner_combo = QComboBox(self)
        self.service_edit = QLineEdit(self)
        self.date_edit = date_edit(self)
        self.message = MessageLine(self)
        self.labels = [Label("", self) for _ in range(3)]
        form = QFormLayout()
        for lab, field in zip(
            self.labels, (self.partner_combo, self.service_edit, self.date_edit), strict=True
        ):
            form.addRow(lab, field)
        self.buttons = ok_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.consent_line)
        layout.addWidget(self.consent_button)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._partners = session.read(case_desk.partners)
        self.resize(600, 360)
        self.retranslate()
        self.partner_combo.setFocus()

    def _subject(self) -> str | None:
        case_id = self.case_id
        person, consent = self.session.read(
            lambda s: case_desk.referral_consent(s, case_id=case_id)
        )
        show_consent(self.consent_line, consent)
        return person

    def record_consent(self) -> ConsentDialog | None:
        """Open the consent dialog over this one; the consent line follows its answer."""
        person = self._subject()
        if person is None:
            return None
        dialog = ConsentDialog(self.session, person, self)
        dialog.finished.connect(lambda _result: self._subject())
        dialog.open()
        return dialog

    def accept(self) -> None:
        partner = self.partner_combo.currentData()
        service, day, case_id = self.service_edit.text(), date_of(self.date_edit), self.case_id

        def send() -> None:
            self.referral_id = self.session.write(
                lambda s: refer(
                    s,
                    case_id=case_id,
                    service_type=service,
                    sent_on=day,
                    to_org_id=str(partner) if partner else None,
                )
            )

        if attempt(self.message, send):
            super().accept()
        else:
            self._subject()

    def retranslate(self) -> None:
        self.setWindowTitle(_("New referral"))
        self.consent_button.setText(_("Record consent…"))
        arabic = current_language() == "ar"
        current = self.partner_combo.currentData()
        self.partner_combo.clear()
        for p in self._partners:
            name = (p.name_ar if arabic else p.name_fr) or p.name_fr or p.name_ar or p.id
            self.partner_combo.addItem(name, p.id)
        self.partner_combo.setCurrentIndex(max(self.partner_combo.findData(current), 0))
        for lab, text in zip(self.labels, (_("Partner"), _("Service"), _("Sent on")), strict=True):
            lab.setText(text)
        self.service_edit.setPlaceholderText(_("What the partner is asked to do"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Send the referral"))
        self._subject()
