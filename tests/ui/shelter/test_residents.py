"""The residents list: length of stay, sorting, the filter box, and Enter opening the
resident's card with the same actions as the bed board."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from coldwave_app.i18n import _
from coldwave_app.services.shelter_desk import resident_card
from coldwave_app.ui.session import Session
from coldwave_app.ui.shelter.resident_dialog import ResidentDialog
from coldwave_app.ui.shelter.residents import ResidentsScreen
from coldwave_app.ui.shelter.stay_dialogs import CheckOutDialog


def test_sorted_by_length_of_stay_and_filtered_as_you_type(
    qtbot: QtBot, demo_session: Session
) -> None:
    screen = ResidentsScreen(demo_session)
    proxy = screen.proxy
    assert proxy.rowCount() == 27
    nights = [int(proxy.index(r, 3).data()) for r in range(proxy.rowCount())]
    assert nights == sorted(nights, reverse=True)  # longest stays first
    screen.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    nights = [int(proxy.index(r, 3).data()) for r in range(proxy.rowCount())]
    assert nights == sorted(nights)
    name = screen.model.rows[0].resident.name
    qtbot.keyClicks(screen.filter, name[:6]) if name.isascii() else screen.filter.setText(name)
    assert 1 <= proxy.rowCount() < 27
    assert all(name[:6] in proxy.index(r, 0).data() for r in range(proxy.rowCount()))
    shown_count = str(proxy.rowCount())
    assert screen.count.text() == _("Residents shown: {shown} of {total}").format(
        shown=shown_count, total="27"
    )


def test_enter_opens_the_card_and_its_check_out(
    qtbot: QtBot, demo_session: Session, shown: Callable[[ResidentsScreen], ResidentsScreen]
) -> None:
    screen = shown(ResidentsScreen(demo_session))
    screen.table.setFocus()
    screen.table.setCurrentIndex(screen.proxy.index(0, 0))
    stay_id = screen.proxy.index(0, 0).data(Qt.ItemDataRole.UserRole)
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    dialog = screen.dialog
    assert isinstance(dialog, ResidentDialog)
    assert dialog.card.card is not None and dialog.card.card.stay.stay_id == stay_id
    qtbot.waitUntil(dialog.isActiveWindow)
    QTest.keySequence(dialog, "Alt+1")  # a meal, from the list too
    card = demo_session.read(lambda s: resident_card(s, stay_id=stay_id, as_of=date.today()))
    assert card.services[0].service_type == "meal"
    QTest.keySequence(dialog, "Ctrl+D")
    assert isinstance(dialog.sub_dialog, CheckOutDialog)
    dialog.sub_dialog.destination.setCurrentIndex(1)  # own housing
    dialog.sub_dialog.submit()
    assert screen.proxy.rowCount() == 26
    assert dialog.card.card is not None and not dialog.card.card.is_open


def test_ctrl_n_opens_intake_from_the_list(
    qtbot: QtBot, demo_session: Session, shown: Callable[[ResidentsScreen], ResidentsScreen]
) -> None:
    screen = shown(ResidentsScreen(demo_session))
    QTest.keySequence(screen, "Ctrl+N")
    dialog = screen.intake.dialog
    assert dialog is not None and dialog.page == 0
    qtbot.waitUntil(dialog.form.first_field.hasFocus)
    dialog.reject()
