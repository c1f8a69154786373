"""The street encounter screen driven through its widgets on the demo campaign."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coldwave_app.services.outreach_desk import encounters_of_night
from coldwave_app.ui.application import set_ui_language
from coldwave_app.ui.outreach import StreetEncounterScreen
from coldwave_app.ui.session import Session


def _screen(qtbot: QtBot, session: Session) -> StreetEncounterScreen:
    screen = StreetEncounterScreen(session)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    return screen


def test_anonymous_encounter_with_shelter_refused(qtbot: QtBot, demo_session: Session) -> None:
    screen = _screen(qtbot, demo_session)
    assert screen.anonymous.isChecked()
    screen.outcome.setCurrentIndex(screen.outcome.findData("refused_shelter"))
    screen.sex.setCurrentIndex(screen.sex.findData("m"))
    qtbot.keyClicks(screen.place.lineEdit(), "Gare routiere")
    screen.grid.spin("HOT_MEAL").setValue(1)
    qtbot.keyClick(screen.sex, Qt.Key.Key_Return)
    assert screen.message.text() != ""
    stored = demo_session.read(lambda s: encounters_of_night(s, moment=datetime.now()))
    assert len(stored) == 1
    mine = stored[0]
    assert (mine.person_code, mine.anon_sex, mine.outcome) == (None, "m", "refused_shelter")
    assert mine.shelter_offered and mine.place == "Gare routiere"
    assert mine.items == (("HOT_MEAL", 1.0),)
    assert screen.table.rowCount() == 1
    assert screen.table.item(0, 4).text().strip("\u2068\u2069") == "Gare routiere"
    # The form is cleared for the next person; Ctrl+N does the same at any time.
    assert screen.grid.spin("HOT_MEAL").value() == 0
    screen.note.setText("x")
    QTest.keySequence(QApplication.focusWidget() or screen, QKeySequence("Ctrl+N"))
    assert screen.note.text() == ""


def test_refused_without_offer_is_explained_and_nothing_lost(
    qtbot: QtBot, demo_session: Session
) -> None:
    screen = _screen(qtbot, demo_session)
    screen.offered.setChecked(False)
    screen.outcome.setCurrentIndex(screen.outcome.findData("refused_shelter"))
    screen.note.setText("Sous le pont")
    qtbot.keyClick(screen.note, Qt.Key.Key_Return)
    assert screen.message.text()
    assert screen.note.text() == "Sous le pont"
    assert demo_session.read(lambda s: encounters_of_night(s, moment=datetime.now())) == []


def test_street_screen_in_arabic(qtbot: QtBot, demo_session: Session, app: QApplication) -> None:
    screen = _screen(qtbot, demo_session)
    place_label = screen.row_labels[5]
    before = place_label.text()
    set_ui_language(app, "ar")
    screen.retranslate()
    assert screen.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert place_label.text() != before
    assert any("\u0600" <= ch <= "\u06ff" for ch in place_label.text())
