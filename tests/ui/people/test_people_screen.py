"""The People screen driven through its widgets, on the demo campaign."""

from __future__ import annotations

import json

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from coldwave_app.i18n import gettext
from coldwave_app.services import people_pages as pages
from coldwave_app.services.dedup import canonical_person_ids
from coldwave_app.ui.application import set_ui_language
from coldwave_app.ui.people import SCREENS, PeopleScreen
from coldwave_app.ui.session import Session


def _screen(qtbot: QtBot, session: Session) -> PeopleScreen:
    screen = SCREENS[0].factory(session)
    assert isinstance(screen, PeopleScreen)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    with qtbot.waitActive(screen):
        screen.activateWindow()
    screen.focus_search()
    return screen


def _listed_ids(screen: PeopleScreen, kind: str = "person") -> set[str]:
    model = screen.search.model
    entries = [model.entry(n) for n in range(model.rowCount())]
    return {hit.id if kind != "douar" else hit.code for k, hit in entries if k == kind}


def _key_events(widget: QWidget, text: str) -> None:
    """Type any text, Arabic included (QTest's keyClicks only knows ASCII keys)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def _type(qtbot: QtBot, screen: PeopleScreen, text: str) -> None:
    _key_events(screen.search.box, text)
    qtbot.waitUntil(lambda: screen.search._searched == text, timeout=5000)


def _row(session: Session, sql: str) -> tuple:
    return tuple(session.read(lambda s: s.db.execute(sql).fetchone()))


def test_typing_part_of_an_arabic_name_lists_the_people(
    qtbot: QtBot, demo_session: Session
) -> None:
    screen = _screen(qtbot, demo_session)
    _type(qtbot, screen, "محم")
    expected, _more = demo_session.read(lambda s: pages.search_people(s, text="محم"))
    assert expected and {h.id for h in expected} <= _listed_ids(screen)
    assert screen.search.view.model().rowCount() > len(expected)  # with the group headings


def test_typing_part_of_a_latin_name_lists_people_and_their_households(
    qtbot: QtBot, demo_session: Session
) -> None:
    screen = _screen(qtbot, demo_session)
    _type(qtbot, screen, "Alao")
    expected = demo_session.read(lambda s: pages.search_everything(s, text="Alao"))
    assert _listed_ids(screen) == {h.id for h in expected.people} != set()
    assert _listed_ids(screen, "household") == {h.id for h in expected.households}


def test_only_the_last_text_typed_is_shown(qtbot: QtBot, demo_session: Session) -> None:
    screen = _screen(qtbot, demo_session)
    qtbot.keyClicks(screen.search.box, "Fatim")
    qtbot.keyClick(screen.search.box, Qt.Key.Key_Backspace)
    qtbot.keyClicks(screen.search.box, "ma")
    qtbot.waitUntil(lambda: screen.search._searched == "Fatima", timeout=5000)
    demo_session.wait_for_jobs()
    QApplication.processEvents()
    expected, _more = demo_session.read(lambda s: pages.search_people(s, text="Fatima"))
    assert _listed_ids(screen) == {h.id for h in expected}


def test_beneficiary_code_then_enter_opens_the_person_with_history(
    qtbot: QtBot, demo_session: Session
) -> None:
    (person_id,) = _row(
        demo_session, "SELECT person_id FROM stay GROUP BY person_id ORDER BY count(*) DESC LIMIT 1"
    )
    (code,) = _row(demo_session, f"SELECT beneficiary_code FROM person WHERE id = '{person_id}'")
    screen = _screen(qtbot, demo_session)
    _type(qtbot, screen, code)
    assert _listed_ids(screen) == {person_id}
    qtbot.keyClick(screen.search.box, Qt.Key.Key_Return)
    assert screen.stack.currentWidget() is screen.person
    page = demo_session.read(lambda s: pages.person_page(s, person_id=person_id))
    assert screen.person.tab_rows("stays") == len(page.stays) > 1
    assert screen.person.tab_rows("cases") == len(page.cases)
    assert screen.person.tab_rows("services") == len(page.services)
    assert code in screen.person.subtitle.text()
    qtbot.keyClick(screen.person.tabs, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert screen.stack.currentWidget() is screen.search


def test_household_page_from_its_code_and_on_to_a_member(
    qtbot: QtBot, demo_session: Session
) -> None:
    (household_id, code) = _row(
        demo_session,
        "SELECT household_id, h.beneficiary_code FROM distribution_line l "
        "JOIN household h ON h.id = l.household_id LIMIT 1",
    )
    screen = _screen(qtbot, demo_session)
    _type(qtbot, screen, code)
    assert household_id in _listed_ids(screen, "household")
    qtbot.keyClick(screen.search.box, Qt.Key.Key_Down)
    qtbot.keyClick(screen.search.view, Qt.Key.Key_Return)
    assert screen.stack.currentWidget() is screen.household
    page = demo_session.read(lambda s: pages.household_page(s, household_id=household_id))
    assert screen.household.models["members"].rowCount() == len(page.members) > 0
    assert screen.household.models["items"].rowCount() == len(page.items) > 0
    members_view = screen.household.tabs.widget(0)
    members_view.setFocus()
    members_view.setCurrentIndex(screen.household.models["members"].index(0, 0))
    qtbot.keyClick(members_view, Qt.Key.Key_Return)
    assert screen.stack.currentWidget() is screen.person
    assert screen.person.page is not None
    assert screen.person.page.person.id == page.members[0][1].id


def _demo_duplicate(session: Session) -> tuple[str, str]:
    rows = session.read(
        lambda s: s.db.execute(
            "SELECT id, created_anyway_of FROM person WHERE created_anyway_of IS NOT NULL "
            "AND id NOT IN (SELECT person_b FROM person_link) "
            "AND id NOT IN (SELECT person_a FROM person_link)"
        ).fetchall()
    )
    person_id, anyway = rows[0]
    return person_id, json.loads(anyway)[0]


def test_merge_then_unmerge_from_the_keyboard(qtbot: QtBot, demo_session: Session) -> None:
    duplicate, original = _demo_duplicate(demo_session)
    screen = _screen(qtbot, demo_session)
    screen.open_person(duplicate)
    qtbot.keyClick(screen.person.tabs, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    review = screen.merge
    qtbot.waitUntil(lambda: screen.stack.currentWidget() is review, timeout=5000)
    row = next(n for n, (_a, c) in enumerate(review.pairs) if c.person.id == original)
    review.pairs_view.setCurrentIndex(review.pairs_model.index(row, 0))
    assert review.comparison is not None and review.comparison.b.id == original
    assert any(review.fields_model.data(review.fields_model.index(n, 1)) == "≠"
               for n in range(review.fields_model.rowCount()))  # fmt: skip

    qtbot.keyClick(review.pairs_view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert review.confirm_frame.isVisible()
    qtbot.keyClick(review.reason, Qt.Key.Key_Return)  # no reason: refused, nothing lost
    assert review.message.text() and review.confirm_frame.isVisible()
    _key_events(review.reason, "même surnom")
    qtbot.keyClick(review.reason, Qt.Key.Key_Return)
    ids = demo_session.read(canonical_person_ids)
    assert ids[duplicate] == ids[original]
    assert review.comparison.link_id is not None

    screen.unmerge_action.trigger()
    assert review.confirm_frame.isVisible()
    qtbot.keyClick(review.confirm_button, Qt.Key.Key_Space)
    ids = demo_session.read(canonical_person_ids)
    assert ids[duplicate] != ids[original]
    assert review.comparison.link_id is None


def test_duplicate_queue_lists_the_demo_merge(qtbot: QtBot, demo_session: Session) -> None:
    screen = _screen(qtbot, demo_session)
    qtbot.keyClick(screen.search.box, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert screen.stack.currentWidget() is screen.merge
    queue = demo_session.read(lambda s: pages.duplicate_queue(s))
    assert screen.merge.pairs_model.rowCount() == len(queue) > 0
    assert screen.merge.unmerge_button.isEnabled()  # the demo's reviewed merge


def test_arabic_is_right_to_left_and_translated(
    qtbot: QtBot, app: QApplication, demo_session: Session
) -> None:
    (person_id,) = _row(
        demo_session, "SELECT person_id FROM stay GROUP BY person_id ORDER BY count(*) DESC LIMIT 1"
    )
    screen = _screen(qtbot, demo_session)
    screen.open_person(person_id)
    french = screen.person.tabs.tabText(1)
    set_ui_language(app, "ar")
    assert screen.layoutDirection() == Qt.LayoutDirection.RightToLeft
    arabic = screen.person.tabs.tabText(1)
    assert arabic != french
    assert arabic.startswith(gettext("Shelter stays", lang="ar"))
    assert screen.person.models["stays"].headerData(0, Qt.Orientation.Horizontal) == gettext(
        "Arrived", lang="ar"
    )
    screen.back()
    _type(qtbot, screen, "Moha")
    assert _listed_ids(screen)


def test_focus_search_puts_the_cursor_in_the_box(qtbot: QtBot, demo_session: Session) -> None:
    screen = _screen(qtbot, demo_session)
    screen.open_queue()
    screen.focus_search()
    assert screen.stack.currentWidget() is screen.search
    assert screen.search.box.hasFocus() or QApplication.focusWidget() is screen.search.box


def test_scrolling_to_the_end_fetches_the_next_page(qtbot: QtBot, demo_session: Session) -> None:
    screen = _screen(qtbot, demo_session)
    _type(qtbot, screen, "a")
    model = screen.search.model
    first = model.counts()["person"]
    assert model.more_people and first == pages.FIRST_PAGE
    qtbot.keyClick(screen.search.box, Qt.Key.Key_Down)
    qtbot.keyClick(screen.search.view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: model.counts()["person"] > first, timeout=5000)
    every, _more = demo_session.read(lambda s: pages.search_people(s, text="a", limit=10_000))
    listed = _listed_ids(screen)
    assert listed <= {h.id for h in every}
    assert len(listed) == model.counts()["person"]  # no one listed twice
