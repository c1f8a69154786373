"""The whole app on the demo: every screen opens from its shortcut, in both languages."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from coldwave_app.ui.application import set_ui_language
from coldwave_app.ui.areas import all_screens
from coldwave_app.ui.main_window import MainWindow
from coldwave_app.ui.screen_spec import Screen
from coldwave_app.ui.session import Session

pytestmark = pytest.mark.gui


def _window(qtbot: QtBot, session: Session) -> MainWindow:
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    with qtbot.waitExposed(window):
        window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    return window


def test_shortcuts_are_unique_and_every_area_is_listed() -> None:
    specs = all_screens()
    keys = [QKeySequence(s.shortcut).toString() for s in specs]
    assert len(keys) == len(set(keys)), keys
    names = {s.key for s in specs}
    for expected in ("home", "shelter-beds", "outreach-round", "cases", "people", "dashboard"):
        assert expected in names
    assert "Ctrl+F" not in keys  # reserved for the search from anywhere


def test_every_screen_opens_with_its_shortcut_in_french_and_arabic(
    qtbot: QtBot, app: QApplication, demo_session: Session
) -> None:
    window = _window(qtbot, demo_session)
    for code in ("fr", "ar"):
        set_ui_language(app, code)
        for spec in window.specs:
            QTest.keySequence(window, QKeySequence(spec.shortcut))
            assert window.current_key == spec.key, spec.key
            widget = window.screen_widget(spec.key)
            assert isinstance(widget, Screen)
            expected = (
                Qt.LayoutDirection.RightToLeft if code == "ar" else Qt.LayoutDirection.LeftToRight
            )
            assert widget.layoutDirection() == expected, spec.key
    demo_session.wait_for_jobs()


def test_ctrl_f_from_any_screen_puts_the_cursor_in_the_people_search(
    qtbot: QtBot, demo_session: Session
) -> None:
    window = _window(qtbot, demo_session)
    window.show_screen("dashboard")
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key == "people"
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    demo_session.wait_for_jobs()


def test_an_open_window_makes_the_scheduled_backup_when_due(
    qtbot: QtBot, demo_session: Session
) -> None:
    store = demo_session.store
    backups = store.data_dir / "backups"
    before = set(backups.glob("*")) if backups.exists() else set()
    store.set_meta("created_at", "2025-01-01T00:00:00+00:00")  # long ago: a backup is due
    window = _window(qtbot, demo_session)
    assert window.backup_timer.isActive()
    window.backup_if_due()
    demo_session.wait_for_jobs()
    assert len(set(backups.glob("*")) - before) == 1
