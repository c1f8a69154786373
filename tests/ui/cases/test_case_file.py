"""The case file, driven through its widgets: assessment, follow-ups, referrals under
consent, family reintegration with its checks, notes by visibility, closing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from coldwave_app.domain.errors import RuleViolation
from coldwave_app.i18n import _, translate_error
from coldwave_app.services import case_desk
from coldwave_app.services.case_desk import CaseListRow
from coldwave_app.services.case_files import case_summary, notes_for
from coldwave_app.services.people import record_consent, withdraw_consent
from coldwave_app.services.referrals import referrals_of
from coldwave_app.storage.keystore import KdfParams
from coldwave_app.storage.local_store import unlock
from coldwave_app.ui.cases import CasesScreen
from coldwave_app.ui.cases.case_dialogs import CloseCaseDialog
from coldwave_app.ui.cases.consent_dialogs import ConsentDialog
from coldwave_app.ui.cases.referral_dialog import ReferralDialog
from coldwave_app.ui.cases.reintegration_tab import check_text
from coldwave_app.ui.session import Session

Cases = Callable[[Session], list[CaseListRow]]
Opener = Callable[[CasesScreen, str], None]


def _cells(table: object) -> list[list[str]]:
    model = table.model()  # type: ignore[attr-defined]
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def _activate(qtbot: QtBot, window: QWidget) -> None:
    """Make a dialog the active window, as the window manager does when it opens."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def _without_reintegration(session: Session, cases: list[CaseListRow]) -> CaseListRow:
    return next(
        r
        for r in cases
        if r.person_id
        and not session.read(
            lambda s, r=r: case_desk.reintegrations(s, case_id=r.case_id, role="admin")
        )
    )


def test_record_an_assessment_with_enter(
    screen: CasesScreen, demo_session: Session, active_cases: Cases, open_case: Opener
) -> None:
    case = active_cases(demo_session)[0]
    open_case(screen, case.case_id)
    screen.file_view.tab_actions[0].trigger()
    tab = screen.file_view.assessment
    tab.need_boxes["documents"].setChecked(True)
    tab.need_boxes["income"].setChecked(True)
    tab.priority_combo.setCurrentIndex(tab.priority_combo.findData("high"))
    tab.summary_edit.setFocus()
    QTest.keyClicks(tab.summary_edit, "CNIE perdue, cherche du travail")
    QTest.keyClick(tab.summary_edit, Qt.Key.Key_Return)
    stored = demo_session.read(
        lambda s: case_desk.assessments(s, case_id=case.case_id, role="admin")
    )[0]
    assert stored.needs == ("documents", "income") and stored.priority == "high"
    assert stored.summary == "CNIE perdue, cherche du travail"
    assert _cells(tab.table)[0][3] == "CNIE perdue, cherche du travail"
    assert _("Priority: {priority}").format(priority=_("High")) in screen.file_view.facts.text()
    assert tab.summary_edit.text() == "" and not tab.need_boxes["income"].isChecked()


def test_an_assessment_without_needs_is_refused_next_to_the_form(
    screen: CasesScreen, demo_session: Session, active_cases: Cases, open_case: Opener
) -> None:
    case = active_cases(demo_session)[0]
    open_case(screen, case.case_id)
    tab = screen.file_view.assessment
    before = len(_cells(tab.table))
    tab.summary_edit.setFocus()
    QTest.keyClicks(tab.summary_edit, "Rien")
    QTest.keyClick(tab.summary_edit, Qt.Key.Key_Return)
    assert tab.form.message.isVisible()
    assert _("Tick at least one need.") in tab.form.message.text()
    assert len(_cells(tab.table)) == before and tab.summary_edit.text() == "Rien"


def test_field_history_shows_the_priorities_a_case_had(
    screen: CasesScreen, demo_session: Session, active_cases: Cases, open_case: Opener
) -> None:
    case = active_cases(demo_session)[0]
    open_case(screen, case.case_id)
    screen.file_view.history_action.trigger()
    dialog = screen.file_view.show_history()
    assert dialog is not None
    rows = _cells(dialog.table)
    assert rows and rows[-1][1] == _(
        {"high": "High", "medium": "Medium", "low": "Low"}[case.priority or "medium"]
    )


def test_add_a_follow_up_and_see_it(
    screen: CasesScreen, demo_session: Session, active_cases: Cases, open_case: Opener
) -> None:
    case = active_cases(demo_session)[1]
    open_case(screen, case.case_id)
    screen.file_view.go_to(2)
    tab = screen.file_view.follow_ups
    assert tab.date_edit.hasFocus()
    tab.mode_combo.setCurrentIndex(tab.mode_combo.findData("home_visit"))
    tab.outcome_edit.setFocus()
    QTest.keyClicks(tab.outcome_edit, "Vu chez sa soeur")
    next_day = date.today() + timedelta(days=10)
    tab.next_edit.setDate(QDate(next_day.year, next_day.month, next_day.day))
    QTest.keyClick(tab.outcome_edit, Qt.Key.Key_Return)
    stored = demo_session.read(lambda s: case_desk.follow_ups(s, case_id=case.case_id))[0]
    assert (stored.mode, stored.outcome) == ("home_visit", "Vu chez sa soeur")
    assert stored.next_date == next_day.isoformat()
    first = _cells(tab.table)[0]
    assert first[3] == "Vu chez sa soeur" and first[2] == _("Home visit")


def test_referral_without_consent_is_refused_then_sent_once_consent_is_recorded(
    qtbot: QtBot,
    screen: CasesScreen,
    demo_session: Session,
    active_cases: Cases,
    open_case: Opener,
) -> None:
    case = active_cases(demo_session)[2]
    _person, consent = demo_session.read(
        lambda s: case_desk.referral_consent(s, case_id=case.case_id)
    )
    if consent is not None and consent.given and consent.withdrawn_at is None:
        demo_session.write(
            lambda s: withdraw_consent(s, consent_id=consent.id, reason="Ne souhaite plus")
        )
    before = len(demo_session.read(lambda s: referrals_of(s, case_id=case.case_id)))
    open_case(screen, case.case_id)
    tab = screen.file_view.referrals
    screen.file_view.refer_action.trigger()
    assert screen.file_view.tabs.currentWidget() is tab
    assert "⚠" in tab.consent_line.text()
    (dialog,) = tab.findChildren(ReferralDialog)
    _activate(qtbot, dialog)
    assert "⚠" in dialog.consent_line.text()
    dialog.service_edit.setFocus()
    QTest.keyClicks(dialog.service_edit, "Hebergement")
    QTest.keyClick(dialog.service_edit, Qt.Key.Key_Return)
    refusal = translate_error(
        RuleViolation(
            "No consent to share this person's details with a partner: "
            "record their consent before referring."
        )
    )
    assert dialog.isVisible() and refusal in dialog.message.text()
    assert dialog.service_edit.text() == "Hebergement"
    after = demo_session.read(lambda s: referrals_of(s, case_id=case.case_id))
    assert len(after) == before

    consent_dialog = dialog.record_consent()
    assert isinstance(consent_dialog, ConsentDialog)
    _activate(qtbot, consent_dialog)
    consent_dialog.method_combo.setCurrentIndex(consent_dialog.method_combo.findData("signed"))
    QTest.keyClick(consent_dialog.language_edit, Qt.Key.Key_Return)
    assert not consent_dialog.isVisible()
    _activate(qtbot, dialog)
    assert "✓" in dialog.consent_line.text()
    QTest.keyClick(dialog.service_edit, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    stored = demo_session.read(lambda s: referrals_of(s, case_id=case.case_id))
    assert len(stored) == before + 1
    new = next(r for r in stored if r.id == dialog.referral_id)
    assert new.service_type == "Hebergement" and new.consent_id is not None
    assert "Hebergement" in [row[1] for row in _cells(tab.table)]
    assert "✓" in tab.consent_line.text()


def test_partner_answer_updates_the_selected_referral(
    screen: CasesScreen, demo_session: Session, active_cases: Cases, open_case: Opener
) -> None:
    case = next(
        r
        for r in active_cases(demo_session)
        if any(
            x.status == "sent"
            for x in demo_session.read(lambda s, r=r: referrals_of(s, case_id=r.case_id))
        )
    )
    open_case(screen, case.case_id)
    tab = screen.file_view.referrals
    screen.file_view.go_to(1)
    referrals = demo_session.read(lambda s: referrals_of(s, case_id=case.case_id))
    row = next(n for n, r in enumerate(referrals) if r.status == "sent")
    tab.table.selectRow(row)
    tab.status_combo.setCurrentIndex(tab.status_combo.findData("accepted"))
    tab.outcome_edit.setFocus()
    QTest.keyClicks(tab.outcome_edit, "Rendez-vous le 3")
    QTest.keyClick(tab.outcome_edit, Qt.Key.Key_Return)
    updated = demo_session.read(lambda s: referrals_of(s, case_id=case.case_id))[row]
    assert (updated.status, updated.outcome) == ("accepted", "Rendez-vous le 3")
    assert _cells(tab.table)[row][3] == _("Accepted")


def test_reintegration_step_return_and_30_day_check(
    screen: CasesScreen, demo_session: Session, active_cases: Cases, open_case: Opener
) -> None:
    case = _without_reintegration(demo_session, active_cases(demo_session))
    # Contacting the family needs the person's consent (services.consent_gate).
    demo_session.read(
        lambda s: record_consent(
            s, person_id=case.person_id, purpose="family_contact", method="signed"
        )
    )
    open_case(screen, case.case_id)
    screen.file_view.tab_actions[3].trigger()
    tab = screen.file_view.reintegration
    assert tab.start_form.isVisible() and tab.contact_edits[0].hasFocus()
    tab.contact_edits[0].setFocus()
    QTest.keyClicks(tab.contact_edits[0], "Hadda")
    tab.contact_edits[1].setFocus()
    QTest.keyClicks(tab.contact_edits[1], "mere")
    QTest.keyClick(tab.contact_edits[1], Qt.Key.Key_Return)
    assert tab.step_form.isVisible() and not tab.start_form.isVisible()

    tab.step_combo.setCurrentIndex(tab.step_combo.findData("family_visit"))
    tab.step_outcome.setFocus()
    QTest.keyClicks(tab.step_outcome, "Accueil favorable")
    QTest.keyClick(tab.step_outcome, Qt.Key.Key_Return)
    assert _cells(tab.steps)[0][1:] == [_("Family visit"), "Accueil favorable"]

    returned = date.today() - timedelta(days=31)
    tab.return_date.setDate(QDate(returned.year, returned.month, returned.day))
    tab.items_edit.setFocus()
    QTest.keyClick(tab.items_edit, Qt.Key.Key_Return)
    assert tab.check_form.isVisible()
    due_30 = returned + timedelta(days=30)
    assert check_text("check_30", due_30, None, date.today()) in tab.checks_line.text()

    tab.check_combo.setCurrentIndex(tab.check_combo.findData("check_30"))
    tab.check_outcome.setFocus()
    QTest.keyClicks(tab.check_outcome, "Toujours en famille")
    QTest.keyClick(tab.check_outcome, Qt.Key.Key_Return)
    (stored,) = demo_session.read(
        lambda s: case_desk.reintegrations(s, case_id=case.case_id, role="admin")
    )
    assert stored.contact_name == "Hadda" and stored.reintegrated_on == returned
    assert [s.step for s in stored.steps] == ["family_visit"]
    assert stored.checks[0] == ("check_30", due_30, date.today())
    assert check_text("check_30", due_30, date.today(), date.today()) in tab.checks_line.text()


def test_caseworker_only_note_is_hidden_from_a_viewer(
    screen: CasesScreen,
    demo_session: Session,
    demo_data_dir: object,
    active_cases: Cases,
    open_case: Opener,
    show: Callable[[Session], CasesScreen],
) -> None:
    case = active_cases(demo_session)[0]
    open_case(screen, case.case_id)
    screen.file_view.go_to(4)
    tab = screen.file_view.notes
    assert tab.visibility_combo.currentData() == "caseworker_only"
    tab.text_edit.setFocus()
    QTest.keyClicks(tab.text_edit, "Ne pas appeler le domicile")
    QTest.keyClick(tab.text_edit, Qt.Key.Key_Return)
    assert "Ne pas appeler le domicile" in [row[3] for row in _cells(tab.table)]

    demo_session.store.add_user(
        username="yassine", password="viewer password 1", role="viewer", kdf=KdfParams.for_tests()
    )
    viewer_store = unlock(demo_data_dir, username="yassine", password="viewer password 1")  # type: ignore[arg-type]
    try:
        viewer = Session(viewer_store)
        other = show(viewer)
        open_case(other, case.case_id)
        other.file_view.go_to(4)
        seen = [row[3] for row in _cells(other.file_view.notes.table)]
        withheld = viewer.read(lambda s: notes_for(s, case_id=case.case_id, role="viewer")).withheld
        assert "Ne pas appeler le domicile" not in seen
        assert withheld >= 1
        hidden = other.file_view.notes.hidden_line
        assert hidden.isVisible()
        assert hidden.text() == _("{n} notes hidden for your role: ask the caseworker.").format(
            n=withheld
        )
        viewer.wait_for_jobs()
    finally:
        other.close()
        viewer_store.close()


def test_close_a_case_with_a_reason(
    qtbot: QtBot, screen: CasesScreen, demo_session: Session, active_cases: Cases, open_case: Opener
) -> None:
    case = active_cases(demo_session)[0]
    open_case(screen, case.case_id)
    screen.file_view.close_action.trigger()
    (dialog,) = screen.file_view.findChildren(CloseCaseDialog)
    _activate(qtbot, dialog)
    dialog.reason_combo.setCurrentIndex(dialog.reason_combo.findData("goals_met"))
    QTest.keyClick(dialog.reason_combo, Qt.Key.Key_Return)
    summary = demo_session.read(lambda s: case_summary(s, case_id=case.case_id))
    assert (summary.case.status, summary.case.closure_reason) == ("closed", "goals_met")
    view = screen.file_view
    assert view.closed_line.isVisible() and _("Goals met") in view.closed_line.text()
    assert not view.close_action.isEnabled()
    assert not view.follow_ups.form.isEnabled()
    view.back_action.trigger()
    assert case.case_id not in [
        screen.list_page.case_model.case_id(r)
        for r in range(screen.list_page.case_model.rowCount())
    ]
