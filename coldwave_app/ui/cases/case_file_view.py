"""The case file: a header (person, code, caseworker, status, triage score) over
five sections as tabs (assessment, referrals, follow-ups, family reintegration,
notes), with the keys that reach each of them and close the case.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTabWidget, QVBoxLayout, QWidget

from coldwave_app.domain.errors import N_, ColdwaveError
from coldwave_app.i18n import _, current_language, translate_error
from coldwave_app.i18n.formatting import format_number
from coldwave_app.services import case_desk
from coldwave_app.services.case_desk import CaseHeader
from coldwave_app.ui.cases.assessment_tab import AssessmentTab
from coldwave_app.ui.cases.case_dialogs import CloseCaseDialog, HistoryDialog
from coldwave_app.ui.cases.follow_ups_tab import FollowUpsTab
from coldwave_app.ui.cases.form_parts import MessageLine, short_date
from coldwave_app.ui.cases.labels import (
    CASE_STATUSES,
    CLOSURE_REASONS,
    PRIORITIES,
    code_text,
    label,
    person_name,
)
from coldwave_app.ui.cases.notes_tab import NotesTab
from coldwave_app.ui.cases.referrals_tab import ReferralsTab
from coldwave_app.ui.cases.reintegration_tab import ReintegrationTab
from coldwave_app.ui.cases.section import CaseSection
from coldwave_app.ui.session import Session
from coldwave_app.ui.widgets import Label, screen_action, set_action_text

__all__ = ["TAB_TITLES", "CaseFileView"]

TAB_TITLES = (
    N_("Assessment"),
    N_("Referrals"),
    N_("Follow-ups"),
    N_("Family reintegration"),
    N_("Notes"),
)


class CaseFileView(QWidget):
    back = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.case_id: str | None = None
        self.header: CaseHeader | None = None

        self.title = Label("", self)
        self.title.setObjectName("caseTitle")
        self.facts = Label("", self)
        self.facts.setWordWrap(True)
        self.triage = Label("", self)
        self.triage.setWordWrap(True)
        self.closed_line = Label("", self)
        self.closed_line.setObjectName("closedLine")
        self.message = MessageLine(self)
        self.back_button = QPushButton(self)
        self.history_button = QPushButton(self)
        self.close_button = QPushButton(self)

        self.assessment = AssessmentTab(session, self)
        self.referrals = ReferralsTab(session, self)
        self.follow_ups = FollowUpsTab(session, self)
        self.reintegration = ReintegrationTab(session, self)
        self.notes = NotesTab(session, self)
        self.sections: list[CaseSection] = [
            self.assessment,
            self.referrals,
            self.follow_ups,
            self.reintegration,
            self.notes,
        ]
        self.tabs = QTabWidget(self)
        for section in self.sections:
            self.tabs.addTab(section, "")

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.history_button)
        top.addWidget(self.close_button)
        top.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.facts)
        layout.addWidget(self.triage)
        layout.addWidget(self.closed_line)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)

        self.back_action = self._action("Escape", self.back.emit)
        self.back_button.clicked.connect(self.back_action.trigger)
        self.history_action = self._action("Ctrl+H", self.show_history)
        self.history_button.clicked.connect(self.history_action.trigger)
        self.close_action = self._action("Ctrl+Shift+X", self.close_case)
        self.close_button.clicked.connect(self.close_action.trigger)
        self.refer_action = self._action("Ctrl+R", self._refer)
        self.consent_action = self._action("Ctrl+Shift+C", self._consent)
        # triggered(bool) would fill the first parameter: n is keyword-only here.
        self.tab_actions = [
            self._action(f"Alt+{n + 1}", lambda _checked=False, *, n=n: self.go_to(n))
            for n in range(len(TAB_TITLES))
        ]
        self.retranslate()

    def _action(self, keys: str, slot: Callable[..., object]) -> QAction:
        return screen_action(self, keys, slot)

    # -- showing a case ----------------------------------------------------------------

    def show_case(self, case_id: str) -> bool:
        """Read and show the case; False (with the reason shown) if it cannot be read."""
        try:
            header = self.session.read(
                lambda s: case_desk.case_header(s, case_id=case_id, today=date.today())
            )
        except ColdwaveError as err:
            self.message.show_error(translate_error(err))
            return False
        self.message.clear_message()
        self.case_id, self.header = case_id, header
        self._describe()
        for section in self.sections:
            section.show_case(case_id, header)
        self.close_action.setEnabled(header.row.status != "closed")
        self.close_button.setEnabled(header.row.status != "closed")
        return True

    def reload(self) -> None:
        if self.case_id is not None:
            self.show_case(self.case_id)

    def go_to(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        field = self.sections[index].first_field()
        (field or self.tabs).setFocus()

    def _describe(self) -> None:
        h = self.header
        if h is None:
            return
        row = h.row
        self.title.setText(person_name(row.name_latn, row.name_ar, row.known_as))
        arabic = current_language() == "ar"
        if h.place is not None:
            place = (h.place.name_ar if arabic else h.place.name_fr) or h.place.name_fr or ""
        else:
            place = h.window_name or ""
        facts = [
            _("Code: {code}").format(code=code_text(row.code)),
            _("Status: {status}").format(status=label(CASE_STATUSES, row.status)),
            _("Priority: {priority}").format(
                priority=label(PRIORITIES, row.priority) or _("not assessed")
            ),
            _("Caseworker: {name}").format(name=row.caseworker_name or _("Not assigned")),
            _("Opened on {day} at {place}").format(day=short_date(row.opened_at), place=place),
        ]
        self.facts.setText("  ·  ".join(facts))
        reasons = " · ".join(_(r) for r in h.triage_reasons) or _("no risk factor recorded")
        self.triage.setText(
            _("Triage score: {score}/100 ({reasons})").format(
                score=format_number(h.triage_score), reasons=reasons
            )
        )
        if row.status == "closed":
            self.closed_line.setText(
                _("Closed on {day}: {reason}").format(
                    day=short_date(h.closed_at), reason=label(CLOSURE_REASONS, h.closure_reason)
                )
            )
            self.closed_line.show()
        else:
            self.closed_line.hide()

    # -- actions -------------------------------------------------------------------------

    def show_history(self) -> HistoryDialog | None:
        if self.case_id is None:
            return None
        dialog = HistoryDialog(self.session, self.case_id, self)
        dialog.open()
        return dialog

    def close_case(self) -> CloseCaseDialog | None:
        if self.case_id is None or not self.close_action.isEnabled():
            return None
        dialog = CloseCaseDialog(self.session, self.case_id, self)
        dialog.open()
        return dialog

    def _refer(self) -> None:
        self.tabs.setCurrentWidget(self.referrals)
        self.referrals.new_referral()

    def _consent(self) -> None:
        self.tabs.setCurrentWidget(self.referrals)
        self.referrals.record_consent()

    def retranslate(self) -> None:
        for n, msgid in enumerate(TAB_TITLES):
            self.tabs.setTabText(n, _(msgid))
            set_action_text(self.tab_actions[n], _(msgid))
            self.tabs.setTabToolTip(n, self.tab_actions[n].toolTip())
        set_action_text(self.back_action, _("Back to the list"))
        set_action_text(self.history_action, _("Field history…"))
        set_action_text(self.close_action, _("Close the case…"))
        set_action_text(self.refer_action, _("New referral…"))
        set_action_text(self.consent_action, _("Record consent…"))
        for button, action in (
            (self.back_button, self.back_action),
            (self.history_button, self.history_action),
            (self.close_button, self.close_action),
        ):
            button.setText(action.text())
            button.setToolTip(action.toolTip())
        for section in self.sections:
            section.retranslate()
        self._describe()
