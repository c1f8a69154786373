"""The roll call through the widgets: everyone ticked by default, Space unticks the
selected resident, Ctrl+Enter records bed nights for the others only, and a second
confirm doubles nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from coldwave_app.i18n import _
from coldwave_app.services.shelter import occupancy
from coldwave_app.services.shelter_desk import roll_call_sheet
from coldwave_app.ui.session import Session
from coldwave_app.ui.shelter.roll_call import RollCallScreen


def _counts(**figures: int) -> str:
    template = _(
        "Residents: {total} · present: {present} · missing: {missing} · "
        "already recorded: {recorded}"
    )
    return template.format(**{k: str(v) for k, v in figures.items()})


def test_untick_one_resident_then_record_the_others(
    qtbot: QtBot, demo_session: Session, shown: Callable[[RollCallScreen], RollCallScreen]
) -> None:
    screen = shown(RollCallScreen(demo_session))
    facility = screen.context.facility_id or ""
    today = date.today()
    model = screen.model
    assert model.rowCount() == 27
    checks = [model.data(model.index(r, 0), Qt.ItemDataRole.CheckStateRole) for r in range(27)]
    assert all(c == Qt.CheckState.Checked for c in checks)  # present by default

    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_Down)
    qtbot.keyClick(screen.table, Qt.Key.Key_Down)
    missing = model.rows[2].person_id
    qtbot.keyClick(screen.table, Qt.Key.Key_Space)  # untick the selected row
    assert model.data(model.index(2, 0), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert model.data(model.index(2, 0)) == _("Missing")
    assert screen.counts.text() == _counts(total=27, present=26, missing=1, recorded=0)

    QTest.keySequence(screen.table, "Ctrl+Return")
    sheet = demo_session.read(lambda s: roll_call_sheet(s, facility_id=facility, night=today))
    recorded = {row.person_id for row in sheet if row.recorded}
    assert len(recorded) == 26 and missing not in recorded
    assert "26" in screen.message.text()
    assert model.data(model.index(0, 4)) == _("Recorded")
    assert model.data(model.index(2, 4)) == _("Not recorded yet")

    screen.confirm_action.trigger()  # again: the missing resident stays missing
    assert (
        demo_session.read(lambda s: occupancy(s, facility_id=facility, night=today)).occupied == 26
    )

    qtbot.keyClick(screen.table, Qt.Key.Key_Space)  # the late arrival is ticked back in
    QTest.keySequence(screen.table, "Ctrl+Return")
    assert (
        demo_session.read(lambda s: occupancy(s, facility_id=facility, night=today)).occupied == 27
    )
    assert screen.counts.text() == _counts(total=27, present=0, missing=0, recorded=27)


def test_a_night_in_advance_is_refused_with_a_message(demo_session: Session) -> None:
    screen = RollCallScreen(demo_session)
    screen.now = lambda: datetime(2000, 1, 1, 21, 0)  # tonight is still to come
    screen.confirm()
    assert "l'avance" in screen.message.text()
