"""A new laptop: the first window creates its first user, then the app opens on it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coldwave_app.i18n import _
from coldwave_app.storage.geography import place_count
from coldwave_app.storage.keystore import Keystore
from coldwave_app.ui.application import set_ui_language
from coldwave_app.ui.first_user_dialog import FirstUserDialog

pytestmark = pytest.mark.gui


def _dialog(qtbot: QtBot, data_dir: Path) -> FirstUserDialog:
    dialog = FirstUserDialog(data_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_first_user_is_created_with_the_keyboard_and_can_log_in(
    qtbot: QtBot, app: QApplication, tmp_path: Path
) -> None:
    data_dir = tmp_path / "laptop"
    dialog = _dialog(qtbot, data_dir)
    qtbot.keyClicks(dialog.user_edit, "khadija")
    qtbot.keyClick(dialog.user_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.password_edit, "winter night 2026")
    qtbot.keyClicks(dialog.repeat_edit, "winter night 2026")
    qtbot.keyClick(dialog.repeat_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.store is not None, timeout=60_000)
    store = dialog.store
    assert store is not None
    try:
        assert store.user.username == "khadija" and store.user.role == "admin"
        assert place_count(store.db) == 40_244
    finally:
        store.close()
    assert Keystore.in_dir(data_dir).usernames() == ["khadija"]


def test_mismatched_or_weak_passwords_are_said_and_nothing_is_created(
    qtbot: QtBot, app: QApplication, tmp_path: Path
) -> None:
    data_dir = tmp_path / "laptop"
    dialog = _dialog(qtbot, data_dir)
    dialog.user_edit.setText("khadija")
    dialog.password_edit.setText("winter night 2026")
    dialog.repeat_edit.setText("winter night 2027")
    dialog.accept()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
    assert dialog.message.text() == _("The two passwords are not the same.")
    dialog.password_edit.setText("1234567890")
    dialog.repeat_edit.setText("1234567890")
    dialog.accept()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
    assert dialog.message.text() == _("A password made only of digits is too easy to guess.")
    assert dialog.store is None and not Keystore.in_dir(data_dir).exists()
    assert dialog.user_edit.text() == "khadija"  # nothing typed is lost


def test_the_first_user_window_in_arabic(qtbot: QtBot, app: QApplication, tmp_path: Path) -> None:
    set_ui_language(app, "ar")
    dialog = _dialog(qtbot, tmp_path / "laptop")
    assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert dialog.heading.text() == _("Welcome to coldwave")
    assert any("\u0600" <= ch <= "\u06ff" for ch in dialog.intro.text())
