"""Login, auto-lock after idle time, unlock, and switching user on a shared laptop."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from helpers.stores import ADMIN, PASSWORD
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coldwave_app.i18n import _
from coldwave_app.storage.keystore import KdfParams
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.ui.home_screen import HomeScreen
from coldwave_app.ui.lock_screen import LockScreen
from coldwave_app.ui.login_dialog import LoginDialog
from coldwave_app.ui.main_window import MainWindow
from coldwave_app.ui.session import Session

pytestmark = pytest.mark.gui

OTHER, OTHER_PASSWORD = "youssef", "snowy atlas road"
WAIT_MS = 10_000


@pytest.fixture
def shared(app: QApplication, demo_store: LocalStore) -> Iterator[Session]:
    """The demo laptop with a second user, Youssef, from the shelter staff."""
    demo_store.add_user(
        username=OTHER, password=OTHER_PASSWORD, role="shelter_staff",
        display_name="Youssef Amrani", kdf=KdfParams.for_tests(),
    )  # fmt: skip
    session = Session(demo_store)
    yield session
    session.settle()
    if session.store is not demo_store:
        session.store.close()


def make_window(qtbot: QtBot, session: Session, *, idle_s: float = 3600) -> MainWindow:
    window = MainWindow(session, idle_timeout_s=idle_s)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    return window


def type_and_submit(qtbot: QtBot, lock: LockScreen, password: str, user: str | None = None) -> None:
    form = lock.form
    if user is not None:
        form.user_edit.setCurrentText("")
        qtbot.keyClicks(form.user_edit, user)
    qtbot.keyClicks(form.password_edit, password)
    qtbot.keyClick(form.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not form.busy, timeout=WAIT_MS)


def test_the_window_locks_after_the_idle_time_and_hides_every_screen(
    qtbot: QtBot, shared: Session
) -> None:
    window = make_window(qtbot, shared, idle_s=0.05)
    assert window.idle.timeout_ms == 50
    qtbot.waitUntil(lambda: window.locked, timeout=WAIT_MS)
    assert window.outer.currentWidget() is window.lock_screen
    assert not window.workspace.isVisible()
    home = window.screens["home"]
    assert isinstance(home, HomeScreen) and not home.isVisible()
    assert window.lock_screen.heading.text() == _("coldwave is locked")
    assert window.lock_screen.form.user_edit.currentText() == ADMIN
    assert not window.screen_actions["sync"].isEnabled()
    assert window.show_screen("sync") is None  # no way around the lock


def test_any_input_restarts_the_idle_time(qtbot: QtBot, shared: Session) -> None:
    window = make_window(qtbot, shared, idle_s=60)
    qtbot.wait(200)
    before = window.idle.remaining_ms
    assert 0 < before < 60_000
    qtbot.keyClick(window.navigation, Qt.Key.Key_Down)  # a key anywhere in the app
    assert window.idle.remaining_ms > before
    qtbot.wait(200)
    before = window.idle.remaining_ms
    qtbot.keyClick(window.screens["home"], Qt.Key.Key_A)  # any widget
    assert window.idle.remaining_ms > before
    assert not window.locked


def test_unlock_with_the_right_password(qtbot: QtBot, shared: Session) -> None:
    window = make_window(qtbot, shared)
    window.lock()
    type_and_submit(qtbot, window.lock_screen, PASSWORD)
    assert not window.locked
    assert window.outer.currentWidget() is window.workspace
    assert window.screens["home"].isVisible()
    assert shared.username == ADMIN
    assert window.screen_actions["sync"].isEnabled()
    assert window.idle.active  # watching again


def test_a_wrong_password_is_refused_calmly(qtbot: QtBot, shared: Session) -> None:
    window = make_window(qtbot, shared)
    window.lock()
    type_and_submit(qtbot, window.lock_screen, "not the password")
    assert window.locked
    message = window.lock_screen.form.message.text()
    assert ADMIN in message and message != _("Checking…")
    assert window.lock_screen.form.password_edit.text() == ""  # typed again, not kept
    assert window.lock_screen.form.user_edit.currentText() == ADMIN  # the name stays


def test_switch_user_lets_another_user_log_in_and_shows_their_name(
    qtbot: QtBot, shared: Session
) -> None:
    window = make_window(qtbot, shared)
    switched: list[bool] = []
    shared.user_switched.connect(lambda: switched.append(True))
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(
        window,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.locked
    assert window.lock_screen.heading.text() == _("Switch user")
    assert window.lock_screen.form.user_edit.currentText() == ""

    type_and_submit(qtbot, window.lock_screen, OTHER_PASSWORD, user=OTHER)

    assert not window.locked and switched == [True]
    assert shared.username == OTHER
    assert shared.role == "shelter_staff"
    assert "Youssef Amrani" in window.indicators.user_label.text()
    assert "Youssef Amrani" in window.statusBar().currentMessage()


def test_the_lock_screen_in_arabic(app: QApplication, qtbot: QtBot, shared: Session) -> None:
    window = make_window(qtbot, shared)
    french = window.lock_screen.form.password_label.text()
    window.switch_language("ar")
    window.lock()
    assert window.lock_screen.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.lock_screen.form.password_label.text() != french
    assert window.lock_screen.form.password_label.text() == _("Password")
    assert window.lock_screen.hint.text() == _(
        "Locked to protect personal data. Type your password to continue."
    )
    assert window.lock_screen.form.submit_button.text() == _("Log in")


def test_the_login_dialog_opens_the_store_for_the_user(qtbot: QtBot, shared: Session) -> None:
    data_dir = shared.store.data_dir
    dialog = LoginDialog(data_dir)
    qtbot.addWidget(dialog)
    form = dialog.form
    assert form.user_edit.findText(OTHER) >= 0 and form.user_edit.findText(ADMIN) >= 0
    form.user_edit.setCurrentText(OTHER)
    qtbot.keyClicks(form.password_edit, "wrong horse")
    qtbot.keyClick(form.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not form.busy, timeout=WAIT_MS)
    assert dialog.store is None and form.message.text()
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        qtbot.keyClicks(form.password_edit, OTHER_PASSWORD)
        qtbot.keyClick(form.password_edit, Qt.Key.Key_Return)
    assert dialog.store is not None
    try:
        assert dialog.store.user.username == OTHER
    finally:
        dialog.store.close()


def test_an_empty_password_is_said_next_to_the_field(qtbot: QtBot, shared: Session) -> None:
    dialog = LoginDialog(shared.store.data_dir, user=ADMIN)
    qtbot.addWidget(dialog)
    qtbot.keyClick(dialog.form.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.form.busy, timeout=WAIT_MS)
    assert dialog.form.message.text() == _("Type your password.")
    assert dialog.store is None


def test_the_idle_time_comes_from_the_campaign_setting(qtbot: QtBot, shared: Session) -> None:
    from coldwave_app.services.session_policy import set_idle_timeout

    shared.write(lambda store: set_idle_timeout(store, seconds=45))
    window = MainWindow(shared)
    qtbot.addWidget(window)
    assert window.idle.timeout_ms == 45_000


def test_a_laptop_that_slept_past_the_idle_time_locks_on_waking(
    qtbot: QtBot, shared: Session
) -> None:
    window = make_window(qtbot, shared, idle_s=600)
    window.idle.check_sleep()
    assert not window.locked  # just opened: far from the ten minutes
    # The lid was closed: the monotonic timer did not run, but the boot clock did.
    window.idle.last_input -= 601
    window.idle.check_sleep()
    qtbot.waitUntil(lambda: window.locked, timeout=WAIT_MS)


def test_the_platform_saying_suspended_locks_at_once(qtbot: QtBot, shared: Session) -> None:
    window = make_window(qtbot, shared, idle_s=600)
    window.idle._state_changed(Qt.ApplicationState.ApplicationSuspended)
    qtbot.waitUntil(lambda: window.locked, timeout=WAIT_MS)
