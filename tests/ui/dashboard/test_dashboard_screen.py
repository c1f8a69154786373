"""The dashboard: figures for the period, charts, douar gaps, cold alert and review queue."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coldwave_app.services import indicators
from coldwave_app.services.cold_alert import cold_alert_status
from coldwave_app.services.dashboard import period_bounds
from coldwave_app.services.review_queue import open_review_counts
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.ui.application import set_ui_language
from coldwave_app.ui.dashboard import DashboardScreen
from coldwave_app.ui.dashboard.alert_dialog import ColdAlertDialog
from coldwave_app.ui.session import Session


def _screen(qtbot: QtBot, session: Session) -> DashboardScreen:
    screen = DashboardScreen(session)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    qtbot.waitUntil(lambda: screen.board is not None, timeout=30_000)
    return screen


def _number(text: str) -> int:
    return int("".join(ch for ch in text if ch.isdigit()) or "0")


def test_alt_3_shows_the_campaign_totals(qtbot: QtBot, demo_session: Session) -> None:
    screen = _screen(qtbot, demo_session)
    with qtbot.waitActive(screen):
        screen.activateWindow()
    qtbot.keyClick(screen.douars, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(
        lambda: screen.board is not None and screen.board.period == "campaign", timeout=30_000
    )
    board = screen.board
    assert board is not None
    expected = demo_session.read(
        lambda s: indicators.households_reached(s, board.start, board.end)["total"]
    )
    assert _number(screen.tiles["households_reached"].value.text()) == expected > 0
    assert screen.given_chart.chart().series(), "the items chart has bars"
    assert screen.douars.proxy.rowCount() == len(board.douars) > 0


def test_douar_table_sorts_by_gap_then_by_name(qtbot: QtBot, demo_session: Session) -> None:
    screen = _screen(qtbot, demo_session)
    screen.set_period("campaign")
    qtbot.waitUntil(lambda: screen.board is not None and screen.board.period == "campaign")
    gaps = [
        _number(screen.douars.proxy.index(r, 5).data() or "0")
        for r in range(screen.douars.proxy.rowCount())
    ]
    assert gaps == sorted(gaps, reverse=True)
    screen.douars.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    names = [screen.douars.proxy.index(r, 0).data() for r in range(screen.douars.proxy.rowCount())]
    assert names == sorted(names)


def test_cold_alert_is_declared_from_the_banner_then_lifted(
    qtbot: QtBot, demo_session: Session
) -> None:
    screen = _screen(qtbot, demo_session)
    board = screen.board
    assert board is not None
    if board.alert is not None:  # the demo's own alert covers this day: lift it first
        screen.toggle_alert()
        qtbot.waitUntil(lambda: screen.board is not None and screen.board.alert is None)
    dialog = screen.toggle_alert()
    assert isinstance(dialog, ColdAlertDialog)
    dialog.level.setCurrentIndex(dialog.level.findData("orange"))
    qtbot.keyClicks(dialog.note, "bulletin 14")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    day = period_bounds(demo_session.store, "today")[1]
    status = demo_session.read(lambda s: cold_alert_status(s, on=day))
    assert status is not None and status.level == "orange" and status.note == "bulletin 14"
    qtbot.waitUntil(lambda: screen.board is not None and screen.board.alert is not None)
    assert screen.banner.property("level") == "orange"
    assert "bulletin" not in screen.alert_text.text()  # the note stays in the record
    screen.toggle_alert()
    qtbot.waitUntil(lambda: screen.board is not None and screen.board.alert is None)
    assert screen.banner.property("level") == "none"


def _add_finding(store: LocalStore) -> str:
    persons = [r[0] for r in store.db.execute("SELECT id FROM person LIMIT 2")]
    row = store.writer().insert(
        "review_item",
        {
            "kind": "double_serving",
            "subject_table": "person",
            "subject_id": persons[0],
            "other_id": persons[1],
            "detail": json.dumps({"rule": "kit"}),
            "status": "open",
        },
    )
    return str(row["id"])


def test_review_queue_item_is_dismissed_with_alt_d(qtbot: QtBot, demo_session: Session) -> None:
    demo_session.write(_add_finding)
    screen = _screen(qtbot, demo_session)
    assert "(1)" in screen.review_button.text()
    dialog = screen.open_review()
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    qtbot.keyClicks(dialog.note, "same family, two kits allowed")
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # shortcuts go to the active window only
    qtbot.keyClick(dialog.note, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    assert demo_session.read(open_review_counts)["double_serving"] == 0, dialog.message.text()
    assert dialog.table.rowCount() == 0


def test_dashboard_in_arabic_is_right_to_left(
    qtbot: QtBot, app: QApplication, demo_session: Session
) -> None:
    screen = _screen(qtbot, demo_session)
    french = screen.douar_heading.text()
    set_ui_language(app, "ar")
    screen.retranslate()
    assert screen.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert screen.douar_heading.text() != french
    assert any("\u0600" <= ch <= "\u06ff" for ch in screen.tiles["bed_nights"].caption.text())
