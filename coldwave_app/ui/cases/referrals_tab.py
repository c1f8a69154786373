"""The referrals section: whether consent to share stands, the case's referrals with
their status, and the form recording a partner's answer to the selected one."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QWidget,
)

from coldwave_app.domain.errors import N_
from coldwave_app.i18n import _, current_language
from coldwave_app.services import case_desk
from coldwave_app.services.case_desk import ConsentRow
from coldwave_app.services.people import withdraw_consent
from coldwave_app.services.referrals import referrals_of, update_referral_status
from coldwave_app.ui.cases.consent_dialogs import ConsentDialog, consent_stands, show_consent
from coldwave_app.ui.cases.form_parts import TextTable, attempt, date_edit, date_of, short_date
from coldwave_app.ui.cases.labels import REFERRAL_STATUSES, label
from coldwave_app.ui.cases.referral_dialog import ReferralDialog
from coldwave_app.ui.cases.section import CaseSection, SectionForm
from coldwave_app.ui.session import Session
from coldwave_app.ui.widgets import Label

__all__ = ["ReferralsTab"]

HEADERS = (
    N_("Partner"),
    N_("Service"),
    N_("Sent on"),
    N_("Status"),
    N_("Answer"),
    N_("Outcome"),
    N_("Consent"),
)


class ReferralsTab(CaseSection):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.person_id: str | None = None
        self.consent: ConsentRow | None = None
        self.consent_line = Label("", self)
        self.consent_line.setWordWrap(True)
        self.new_button = QPushButton(self)
        self.consent_button = QPushButton(self)
        self.withdraw_button = QPushButton(self)
        self.new_button.clicked.connect(self.new_referral)
        self.consent_button.clicked.connect(self.record_consent)
        self.withdraw_button.clicked.connect(self.withdraw)
        buttons = QHBoxLayout()
        for b in (self.new_button, self.consent_button, self.withdraw_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.table = TextTable(HEADERS, self)
        self.form = SectionForm(self.submit, self)
        self.status_combo = QComboBox(self.form)
        for code in REFERRAL_STATUSES:
            if code != "sent":
                self.status_combo.addItem("", code)
        self.date_edit = date_edit(self.form)
        self.outcome_edit = QLineEdit(self.form)
        self.labels = [Label("", self.form) for _ in range(3)]
        for lab, field in zip(
            self.labels, (self.status_combo, self.date_edit, self.outcome_edit), strict=True
        ):
            self.form.rows.addRow(lab, field)
        bar = QWidget(self)
        bar.setLayout(buttons)
        buttons.setContentsMargins(0, 0, 0, 0)
        self.two_columns([self.consent_line, bar, self.table], [self.form])
        self.retranslate()

    def first_field(self) -> QWidget | None:
        return self.table

    def reload(self) -> None:
        case_id = self.case_id
        if case_id is None:
            return
        self.person_id, self.consent = self.session.read(
            lambda s: case_desk.referral_consent(s, case_id=case_id)
        )
        show_consent(self.consent_line, self.consent)
        names = {
            p.id: (p.name_ar if current_language() == "ar" else p.name_fr) or p.name_fr or ""
            for p in self.session.read(case_desk.partners)
        }
        found = self.session.read(lambda s: referrals_of(s, case_id=case_id))
        rows = [
            [
                names.get(r.to_org_id or "", r.to_org_id or r.to_facility_id or ""),
                r.service_type,
                short_date(r.sent_on),
                label(REFERRAL_STATUSES, r.status),
                short_date(r.feedback_on),
                r.outcome or "",
                _("Yes") if r.consent_id else _("No"),
            ]
            for r in found
        ]
        self.table.text_model.set_rows(rows, [r.id for r in found])
        if found and not self.table.currentIndex().isValid():
            self.table.selectRow(len(found) - 1)
        for w in (self.new_button, self.consent_button, self.form):
            w.setEnabled(not self.closed)
        self.withdraw_button.setEnabled(consent_stands(self.consent) and not self.closed)

    def new_referral(self) -> ReferralDialog | None:
        """Open the referral dialog (window-modal); returned for the tour and tests."""
        if self.case_id is None or self.closed:
            return None
        dialog = ReferralDialog(self.session, self.case_id, self)
        dialog.open()
        return dialog

    def record_consent(self) -> ConsentDialog | None:
        if self.person_id is None or self.closed:
            return None
        dialog = ConsentDialog(self.session, self.person_id, self)
        dialog.open()
        return dialog

    def withdraw(self) -> None:
        consent = self.consent
        if not consent_stands(consent) or consent is None:
            return
        reason, ok = QInputDialog.getText(
            self, _("Withdraw consent"), _("Why is the consent withdrawn?")
        )
        if ok:
            attempt(
                self.form.message,
                lambda: self.session.write(
                    lambda s: withdraw_consent(s, consent_id=consent.id, reason=reason)
                ),
            )

    def submit(self) -> None:
        referral = self.table.current_key()
        if referral is None:
            self.form.message.show_error(_("Choose a referral in the list first."))
            return
        status, day = str(self.status_combo.currentData()), date_of(self.date_edit)
        outcome = self.outcome_edit.text()
        if attempt(
            self.form.message,
            lambda: self.session.write(
                lambda s: update_referral_status(
                    s, referral_id=referral, status=status, feedback_on=day, outcome=outcome
                )
            ),
        ):
            self.outcome_edit.clear()
            self.form.message.show_info(_("Referral status recorded."))

    def retranslate(self) -> None:
        self.table.text_model.retranslate()
        self.new_button.setText(_("New referral…") + " (Ctrl+R)")
        self.consent_button.setText(_("Record consent…") + " (Ctrl+Shift+C)")
        self.withdraw_button.setText(_("Withdraw consent…"))
        self.form.setTitle(_("The partner's answer to the selected referral"))
        self.form.button.setText(_("Record the answer"))
        codes = [c for c in REFERRAL_STATUSES if c != "sent"]
        for i, code in enumerate(codes):
            self.status_combo.setItemText(i, _(REFERRAL_STATUSES[code]))
        for lab, text in zip(self.labels, (_("Status"), _("Date"), _("Outcome")), strict=True):
            lab.setText(text)
        if self.case_id is not None:
            self.reload()
