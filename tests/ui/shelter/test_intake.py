"""Intake through the widgets: the duplicate check shows a likely match before anyone
is created; choosing "New person" or the match decides what is stored; the check-in
then shows on the bed board. Driven with Tab/Enter and typed text only."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from coldwave_app.i18n import _
from coldwave_app.services.shelter_desk import TileState, bed_board_for_night
from coldwave_app.ui.session import Session
from coldwave_app.ui.shelter.bed_board import BedBoardScreen
from coldwave_app.ui.shelter.intake_dialog import BED, MATCHES, IntakeDialog


def _open_intake_on_free_bed(qtbot: QtBot, board: BedBoardScreen) -> tuple[IntakeDialog, str]:
    free = next(b for b in board.tiles.values() if b.tile.state is TileState.FREE)
    board.focus_bed(free.tile.label)
    qtbot.keyClick(free, Qt.Key.Key_Return)  # Enter on a free bed: check someone in
    dialog = board.dialog
    assert isinstance(dialog, IntakeDialog)
    return dialog, free.tile.label


def _type_identity(qtbot: QtBot, dialog: IntakeDialog, given: str, family: str, year: int) -> None:
    """French UI: Latin name first; Tab over the Arabic fields; sex by its first letter."""
    form = dialog.form
    qtbot.waitUntil(form.given_latn.hasFocus)  # the first field has the focus
    qtbot.keyClicks(form.given_latn, given)
    qtbot.keyClick(form.given_latn, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.family_latn, family)
    for widget in (form.family_latn, form.given_ar, form.family_ar):
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    assert form.sex.hasFocus()
    qtbot.keyClicks(form.sex, "h")  # Homme
    qtbot.keyClick(form.sex, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.age, str(year))
    qtbot.keyClick(form.age, Qt.Key.Key_Return)


def test_new_person_despite_a_likely_match_is_stored_with_the_match_noted(
    qtbot: QtBot,
    demo_session: Session,
    shown: Callable[[BedBoardScreen], BedBoardScreen],
    returning_man: tuple[str, str, str, int],
    count_persons: Callable[[], int],
) -> None:
    match_id, given, family, year = returning_man
    board = shown(BedBoardScreen(demo_session))
    before = count_persons()
    dialog, bed_label = _open_intake_on_free_bed(qtbot, board)
    _type_identity(qtbot, dialog, given, family, year)
    qtbot.waitUntil(lambda: dialog.page == MATCHES)
    assert count_persons() == before  # nothing created before the check
    assert match_id in dialog.matches.shown_ids
    shown_names = [cell.text() for cell in dialog.matches.cells[1]]
    assert any(given in text for text in shown_names)
    qtbot.keyClick(dialog.matches.radios[1], Qt.Key.Key_Return)  # nothing chosen yet
    assert dialog.page == MATCHES and dialog.message.property("error")
    dialog.matches.radios[0].setFocus()
    qtbot.keyClick(dialog.matches.radios[0], Qt.Key.Key_Space)  # "New person"
    qtbot.keyClick(dialog.matches.radios[0], Qt.Key.Key_Return)
    assert dialog.page == BED
    assert dialog.bed.currentText().startswith(f"\u2066{bed_label}")
    qtbot.keyClick(dialog.bed, Qt.Key.Key_Return)

    assert dialog.result() == IntakeDialog.DialogCode.Accepted
    assert count_persons() == before + 1
    new_id = dialog.person_id
    assert new_id is not None and new_id != match_id
    row = demo_session.store.db.execute(
        "SELECT given_name_latn, family_name_latn, birth_year, created_anyway_of "
        "FROM person WHERE id = ?",
        [new_id],
    ).fetchone()
    assert row[:3] == (given, family, year)
    assert match_id in json.loads(row[3])
    tiles = {
        t.label: t
        for t in bed_board_for_night(
            demo_session.store, facility_id=board.context.facility_id or "", night=date.today()
        ).tiles
    }
    assert tiles[bed_label].person_id == new_id
    shown_tile = board.tiles[board.selected_bed_id or ""]
    assert shown_tile.tile.label == bed_label and given in shown_tile.text()


def test_choosing_the_match_checks_in_the_existing_person(
    qtbot: QtBot,
    demo_session: Session,
    shown: Callable[[BedBoardScreen], BedBoardScreen],
    returning_man: tuple[str, str, str, int],
    count_persons: Callable[[], int],
) -> None:
    match_id, given, family, year = returning_man
    board = shown(BedBoardScreen(demo_session))
    before = count_persons()
    QTest.keySequence(board, "Ctrl+N")  # a real key press opens intake
    dialog = board.dialog
    assert isinstance(dialog, IntakeDialog)
    _type_identity(qtbot, dialog, given, family, year)
    qtbot.waitUntil(lambda: dialog.page == MATCHES)
    column = 1 + dialog.matches.shown_ids.index(match_id)
    radio = dialog.matches.radios[column]
    radio.setFocus()
    qtbot.keyClick(radio, Qt.Key.Key_Space)
    qtbot.keyClick(radio, Qt.Key.Key_Return)
    assert "\u2068" in dialog.chosen_label.text()  # names shown isolated
    qtbot.keyClick(dialog.route, Qt.Key.Key_Return)

    assert dialog.result() == IntakeDialog.DialogCode.Accepted
    assert count_persons() == before
    assert dialog.person_id == match_id
    stay = demo_session.store.db.execute(
        "SELECT person_id, exit_at FROM stay WHERE id = ?", [dialog.stay_id]
    ).fetchone()
    assert tuple(stay) == (match_id, None)
    assert board.selected_tile() is not None
    assert board.selected_tile().person_id == match_id  # type: ignore[union-attr]


def test_form_problems_are_shown_and_nothing_typed_is_lost(
    qtbot: QtBot, demo_session: Session, shown: Callable[[BedBoardScreen], BedBoardScreen]
) -> None:
    board = shown(BedBoardScreen(demo_session))
    dialog = board.open_intake()
    assert dialog is not None
    qtbot.waitUntil(dialog.form.given_latn.hasFocus)
    qtbot.keyClicks(dialog.form.given_latn, "Youssef")
    qtbot.keyClick(dialog.form.given_latn, Qt.Key.Key_Return)
    assert dialog.page == 0
    assert dialog.message.text() == _("Choose the sex.")
    assert dialog.form.sex.hasFocus()
    assert dialog.form.given_latn.text() == "Youssef"
    dialog.form.sex.setCurrentIndex(0)
    qtbot.keyClicks(dialog.form.age, "abc")
    qtbot.keyClick(dialog.form.age, Qt.Key.Key_Return)
    assert dialog.form.age.hasFocus() and dialog.page == 0
