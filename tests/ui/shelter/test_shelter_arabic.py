"""The shelter desk in Arabic: right to left, and every text set again on a switch at
run time (screens, the resident card, the intake form, the duplicate columns)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coldwave_app.i18n import gettext
from coldwave_app.services.shelter_desk import TileState
from coldwave_app.ui.application import set_ui_language
from coldwave_app.ui.session import Session
from coldwave_app.ui.shelter.bed_board import BedBoardScreen
from coldwave_app.ui.shelter.intake_dialog import IntakeDialog
from coldwave_app.ui.shelter.residents import ResidentsScreen
from coldwave_app.ui.shelter.roll_call import RollCallScreen


def _has_arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def test_switch_to_arabic_turns_the_desk_right_to_left(
    qtbot: QtBot,
    app: QApplication,
    demo_session: Session,
    shown: Callable[[BedBoardScreen], BedBoardScreen],
) -> None:
    board = shown(BedBoardScreen(demo_session))
    occupied = next(b for b in board.tiles.values() if b.tile.state is TileState.OCCUPIED)
    board.focus_bed(occupied.tile.label)
    french_bed = board.card.fact_names[0].text()
    assert french_bed == "Lit"

    set_ui_language(app, "ar")  # retranslate() is called on the open screen
    assert board.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert board.card.fact_names[0].text() == "السرير"
    assert board.card.fact_names[2].text() == gettext("Bed nights", lang="ar")
    assert board.title.text() == gettext("Bed board", lang="ar")
    assert occupied.text().startswith(f"\u2066{occupied.tile.label}\u2069")
    assert gettext("Occupied", lang="ar") in board.tiles[occupied.tile.bed_id].text()
    assert board.card.service_buttons[0].text().endswith(gettext("Meal", lang="ar"))
    assert board.card.service_buttons[0].toolTip().endswith("(\u2066Alt+1\u2069)")

    dialog = board.open_intake()
    assert isinstance(dialog, IntakeDialog)
    assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert dialog.form.first_field is dialog.form.given_ar  # Arabic names first in Arabic
    qtbot.waitUntil(dialog.form.given_ar.hasFocus)
    assert dialog.form.ar_label.text() == "الاسم بالعربية"
    assert dialog.form.sex_label.text() == "الجنس"
    assert _has_arabic(dialog.form.sex.itemText(0))  # ذكر
    dialog.reject()


def test_roll_call_and_residents_in_arabic(app: QApplication, demo_session: Session) -> None:
    set_ui_language(app, "ar")
    roll_call = RollCallScreen(demo_session)
    residents = ResidentsScreen(demo_session)
    for screen in (roll_call, residents):
        assert screen.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert roll_call.title.text() == gettext("Roll call", lang="ar")
    assert roll_call.confirm_button.text() == gettext("Record the roll call", lang="ar")
    header = residents.proxy.headerData(0, Qt.Orientation.Horizontal)
    assert header == "الاسم"
    assert residents.proxy.headerData(2, Qt.Orientation.Horizontal) == "تاريخ الوصول"
    assert residents.title.text() == gettext("Residents", lang="ar")
