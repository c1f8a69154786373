"""The case list: the due list (overdue first), filters, Enter opens a case file,
Ctrl+N opens a case for a person found by name or code."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from coldwave_app.i18n import _
from coldwave_app.services import case_desk
from coldwave_app.services.case_desk import CaseListRow
from coldwave_app.services.case_follow_ups import record_follow_up
from coldwave_app.ui.cases import SCREENS, CasesScreen
from coldwave_app.ui.cases.due_model import overdue_text
from coldwave_app.ui.cases.open_case_dialog import OpenCaseDialog
from coldwave_app.ui.session import Session

Cases = Callable[[Session], list[CaseListRow]]


def test_the_screen_is_listed_under_follow_up_with_ctrl_7() -> None:
    (spec,) = SCREENS
    assert (spec.key, spec.title, spec.group, spec.shortcut) == (
        "cases",
        "Cases",
        "Follow-up",
        "Ctrl+7",
    )


def test_due_list_shows_overdue_first_then_what_is_due_later(
    qtbot: QtBot, screen: CasesScreen, demo_session: Session, active_cases: Cases
) -> None:
    later = active_cases(demo_session)[0]
    today = date.today()
    demo_session.write(
        lambda s: record_follow_up(
            s,
            case_id=later.case_id,
            occurred_on=today,
            mode="phone",
            next_date=today + timedelta(days=3),
        )
    )
    model = screen.list_page.due_model
    qtbot.waitUntil(lambda: not model.loading and model.rowCount() > 1)
    shown = [model.index(r, 2).data() for r in range(model.rowCount())]
    overdue = [line.overdue_days > 0 for line in model.lines]
    assert overdue == sorted(overdue, reverse=True) and any(overdue)
    assert model.case_id(model.rowCount() - 1) == later.case_id
    assert shown[-1] == overdue_text(0) == _("Due")
    assert shown[0] == overdue_text(model.lines[0].overdue_days)
    # Among the overdue, the triage score orders the list.
    scores = [line.score for line in model.lines if line.overdue_days > 0]
    assert scores == sorted(scores, reverse=True)


def test_enter_on_a_case_opens_its_file_and_escape_goes_back(
    screen: CasesScreen, active_cases: Cases, demo_session: Session
) -> None:
    page = screen.list_page
    page.case_view.setFocus()
    page.case_view.setCurrentIndex(page.case_model.index(0, 0))
    QTest.keyClick(page.case_view, Qt.Key.Key_Return)
    assert screen.stack.currentWidget() is screen.file_view
    first = active_cases(demo_session)[0]
    assert screen.file_view.case_id == first.case_id
    assert first.code and first.code in screen.file_view.facts.text()
    QTest.keyClick(screen.file_view.tabs, Qt.Key.Key_Escape)
    assert screen.stack.currentWidget() is page


def test_filter_box_and_status_filter_narrow_the_list(
    screen: CasesScreen, active_cases: Cases, demo_session: Session
) -> None:
    page = screen.list_page
    assert page.case_model.total == len(active_cases(demo_session))
    code = active_cases(demo_session)[3].code or ""
    page.case_view.setFocus()
    QTest.keyClick(page.case_view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert page.filter_edit.hasFocus()
    QTest.keyClicks(page.filter_edit, code)
    QTest.keyClick(page.filter_edit, Qt.Key.Key_Return)
    assert page.case_model.rowCount() == 1
    assert page.case_model.index(0, 1).data().strip("\u2066\u2069\u200e") == code
    page.filter_edit.clear()
    page.status_combo.setCurrentIndex(page.status_combo.findData("closed"))
    statuses = {page.case_model.index(r, 2).data() for r in range(page.case_model.rowCount())}
    assert statuses == {_("Closed")}
    assert page.cases_heading.text() == _("Cases ({n})").format(n=page.case_model.total)


def test_only_my_cases_shows_the_cases_i_opened(screen: CasesScreen, demo_session: Session) -> None:
    page = screen.list_page
    page.mine_action.trigger()
    assert page.mine_box.isChecked() and page.case_model.total == 0
    dialog = screen.new_case()
    person = _person_without_case(demo_session)
    QTest.keyClicks(dialog.search_edit, person.code)
    dialog.search()
    QTest.keyClick(dialog.search_edit, Qt.Key.Key_Return)
    assert dialog.case_id is not None
    assert page.case_model.total == 1 and page.case_model.case_id(0) == dialog.case_id


def _person_without_case(session: Session) -> case_desk.PersonHit:
    hits = session.read(lambda s: case_desk.find_people(s, text="P-", limit=200))
    return next(h for h in hits if h.open_case_id is None and h.name_latn)


def test_ctrl_n_opens_a_case_for_a_person_found_by_name(
    screen: CasesScreen, demo_session: Session
) -> None:
    person = _person_without_case(demo_session)
    screen.list_page.new_action.trigger()
    (dialog,) = screen.findChildren(OpenCaseDialog)
    assert dialog.isVisible() and dialog.focusWidget() is dialog.search_edit
    QTest.keyClicks(dialog.search_edit, person.name_latn)
    dialog.search()
    row = next(
        r
        for r in range(dialog.results.count())
        if dialog.results.item(r).data(Qt.ItemDataRole.UserRole) == person.id
    )
    dialog.results.setCurrentRow(row)
    QTest.keyClick(dialog.results, Qt.Key.Key_Return)
    assert dialog.case_id is not None
    stored = demo_session.read(
        lambda s: case_desk.case_header(s, case_id=dialog.case_id or "", today=date.today())
    )
    assert stored.row.person_id == person.id
    assert stored.row.caseworker_name == demo_session.store.user.display_name
    assert screen.stack.currentWidget() is screen.file_view
    assert screen.file_view.case_id == dialog.case_id


def test_a_second_case_for_the_same_person_is_refused_in_the_dialog(
    screen: CasesScreen, demo_session: Session, active_cases: Cases
) -> None:
    taken = next(r for r in active_cases(demo_session) if r.person_id is not None)
    dialog = screen.new_case()
    QTest.keyClicks(dialog.search_edit, taken.code or "")
    dialog.search()
    assert _("already has an open case") in dialog.results.item(0).text()
    QTest.keyClick(dialog.search_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.case_id is None
    assert dialog.message.text().endswith(_("They already have an open case file."))
    assert dialog.search_edit.text() == taken.code  # nothing typed is lost
