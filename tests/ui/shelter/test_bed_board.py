"""The bed board through the widgets: tiles say their state in words, a service is
recorded with one key, check-out with a destination frees the bed, a move changes
the bed, and another night is shown read-only."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from coldwave_app.i18n import _, isolate_auto
from coldwave_app.services.shelter_desk import TileState, resident_card
from coldwave_app.ui.session import Session
from coldwave_app.ui.shelter import SCREENS
from coldwave_app.ui.shelter.bed_board import BedBoardScreen
from coldwave_app.ui.shelter.bed_tile import BedTile
from coldwave_app.ui.shelter.stay_dialogs import CheckOutDialog, MoveBedDialog


def _occupied(board: BedBoardScreen) -> BedTile:
    return next(b for b in board.tiles.values() if b.tile.state is TileState.OCCUPIED)


def test_screens_are_declared_with_their_keys() -> None:
    assert [(s.key, s.shortcut, s.title) for s in SCREENS] == [
        ("shelter-beds", "Ctrl+2", "Bed board"),
        ("shelter-rollcall", "Ctrl+3", "Roll call"),
        ("shelter-residents", "Ctrl+4", "Residents"),
    ]
    assert all(s.group == "Shelter" for s in SCREENS)


def test_tiles_say_their_state_in_words_and_colour(demo_session: Session) -> None:
    board = BedBoardScreen(demo_session)
    states = {b.tile.state for b in board.tiles.values()}
    assert {TileState.FREE, TileState.OCCUPIED, TileState.OVERFLOW_CLOSED} <= states
    occupied = _occupied(board)
    assert _("Occupied") in occupied.text()
    assert occupied.tile.occupant_name and occupied.tile.occupant_name in occupied.text()
    assert occupied.property("bedState") == "occupied"
    summary = board.summary.text()
    assert _("{state}: {count}").format(state=_("Free"), count="7") in summary
    assert _("{state}: {count}").format(state=_("Occupied"), count="27") in summary


def test_a_service_is_recorded_with_one_key(
    qtbot: QtBot, demo_session: Session, shown: Callable[[BedBoardScreen], BedBoardScreen]
) -> None:
    board = shown(BedBoardScreen(demo_session))
    tile = board.focus_bed(_occupied(board).tile.label)
    stay_id = tile.tile.stay_id or ""
    today = date.today()
    before = demo_session.read(
        lambda s: resident_card(s, stay_id=stay_id, as_of=today, services=50)
    )
    QTest.keyClick(tile, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)  # Alt+2: shower
    after = demo_session.read(lambda s: resident_card(s, stay_id=stay_id, as_of=today, services=50))
    assert len(after.services) == len(before.services) + 1
    assert after.services[0].service_type == "shower"
    assert after.services[0].delivered_at[:10] == today.isoformat()
    name = isolate_auto(tile.tile.occupant_name or "")
    expected = _("{service} recorded for {person}.").format(service=_("Shower"), person=name)
    assert board.card.message.text() == expected
    assert board.card.recent_label.text().startswith(_("Shower"))


def test_check_out_with_a_destination_frees_the_bed(
    qtbot: QtBot, demo_session: Session, shown: Callable[[BedBoardScreen], BedBoardScreen]
) -> None:
    board = shown(BedBoardScreen(demo_session))
    tile = board.focus_bed(_occupied(board).tile.label)
    label, stay_id = tile.tile.label, tile.tile.stay_id or ""
    QTest.keySequence(board, "Ctrl+D")
    dialog = board.dialog
    assert isinstance(dialog, CheckOutDialog)
    qtbot.waitUntil(dialog.destination.hasFocus)
    qtbot.keyClick(dialog.destination, Qt.Key.Key_Return)  # no destination yet: refused
    assert dialog.isVisible() and dialog.message.property("error")
    dialog.destination.setCurrentIndex(0)  # back to the family
    qtbot.keyClick(dialog.destination, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.note, "Brother in Mrirt")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)

    card = demo_session.read(lambda s: resident_card(s, stay_id=stay_id, as_of=date.today()))
    assert card.stay.exit_destination == "family_reintegration"
    assert card.stay.exit_at is not None
    new_tile = next(b for b in board.tiles.values() if b.tile.label == label)
    assert new_tile.tile.state is TileState.FREE and _("Free") in new_tile.text()


def test_move_to_another_bed(
    qtbot: QtBot, demo_session: Session, shown: Callable[[BedBoardScreen], BedBoardScreen]
) -> None:
    board = shown(BedBoardScreen(demo_session))
    tile = board.focus_bed(_occupied(board).tile.label)
    person = tile.tile.person_id
    QTest.keySequence(board, "Ctrl+M")
    dialog = board.dialog
    assert isinstance(dialog, MoveBedDialog)
    qtbot.waitUntil(dialog.beds.hasFocus)
    qtbot.keyClick(dialog.beds, Qt.Key.Key_Down)
    target = dialog.beds.currentItem().text()
    qtbot.keyClick(dialog.beds, Qt.Key.Key_Return)
    moved = next(b for b in board.tiles.values() if b.tile.person_id == person)
    assert target.startswith(f"\u2066{moved.tile.label}")
    assert moved.tile.label != tile.tile.label


def test_another_night_is_read_only(qtbot: QtBot, demo_session: Session) -> None:
    board = BedBoardScreen(demo_session)
    board.context.set_night(date(2026, 1, 10))
    assert board.night_note.text() == _("Another night: shown as it was, read-only.")
    assert board.open_intake() is None
    during_alert = {b.tile.state for b in board.tiles.values()}
    assert TileState.OVERFLOW_CLOSED not in during_alert  # the January cold alert
    board.context.set_night(date.today() + timedelta(days=0))
    assert not board.night_note.isVisibleTo(board)
