"""The first-run panel: a laptop without campaign creates one, or loads the demo."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from helpers.sync_server import RunningServer, cli_create_campaign, cli_enrol_code
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coldwave_app.i18n import _
from coldwave_app.services.overview import campaign_overview
from coldwave_app.services.sync_service import is_enrolled
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.ui.home_screen import HomeScreen
from coldwave_app.ui.main_window import MainWindow
from coldwave_app.ui.session import Session

pytestmark = pytest.mark.gui


@pytest.fixture
def home(app: QApplication, qtbot: QtBot, store: LocalStore) -> Iterator[HomeScreen]:
    session = Session(store)
    window = MainWindow(session, idle_timeout_s=3600)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    screen = window.screen_widget("home")
    assert isinstance(screen, HomeScreen)
    session.settle()  # the home screen reads its figures in the background
    assert screen.loaded
    yield screen
    session.settle()  # every job ended and handed over before the store closes


def test_create_campaign_from_the_keyboard(
    qtbot: QtBot, home: HomeScreen, store: LocalStore
) -> None:
    dialog = home.first_run.open_create()
    assert dialog.name_edit.hasFocus() or dialog.focusWidget() in (dialog.name_edit, None)
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)  # nothing typed yet
    assert dialog.isVisible()
    assert dialog.message.text()  # said on the form's message line
    qtbot.keyClicks(dialog.name_edit, "Grand Froid 2026")
    qtbot.keyClicks(dialog.province_edit, "Ifrane")
    assert dialog.province_choice.count() >= 1
    assert "05.301" not in dialog.province_choice.currentData()  # Ifrane, not Khénifra

    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)

    assert not dialog.isVisible()
    home.session.settle()  # the home screen reads its figures in the background
    overview = campaign_overview(store)
    assert overview.campaign_name == "Grand Froid 2026"
    assert overview.province_name_fr == "Ifrane"
    assert "Grand Froid 2026" in home.campaign_label.text()
    assert home.first_run.isHidden()


def test_load_the_demo_off_the_ui_thread(qtbot: QtBot, home: HomeScreen, store: LocalStore) -> None:
    panel = home.first_run
    qtbot.mouseClick(panel.demo_button, Qt.MouseButton.LeftButton)
    job = panel.job
    assert job is not None
    assert panel.progress.isVisible() and not panel.demo_button.isEnabled()
    qtbot.waitUntil(lambda: job.finished, timeout=120_000)
    home.session.settle()
    assert panel.message.text() == ""
    assert campaign_overview(store).counts["household"] == 120
    assert home.tiles["household"].value_label.text() == "120"
    assert home.first_run.isHidden()


def test_the_first_run_panel_in_arabic(app: QApplication, qtbot: QtBot, home: HomeScreen) -> None:
    window = home.window()
    assert isinstance(window, MainWindow)
    french = home.campaign_label.text()
    window.switch_language("ar")
    assert home.first_run.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert home.campaign_label.text() != french
    assert home.campaign_label.text() == _("No campaign on this laptop yet")
    assert home.first_run.demo_button.text() == _("Load the demo")


def test_enrol_with_a_code_joins_the_campaign_and_starts_syncing(
    qtbot: QtBot, home: HomeScreen, store: LocalStore, start_server: Callable[..., RunningServer]
) -> None:
    server = start_server()
    campaign_id = cli_create_campaign(data_dir=server.data_dir, database_url=None)
    code = cli_enrol_code(data_dir=server.data_dir, database_url=None, campaign_id=campaign_id)
    window = home.window()
    assert isinstance(window, MainWindow) and window.background_sync is None
    dialog = home.first_run.open_enrol()

    qtbot.keyClicks(dialog.server_edit, "ftp://nowhere")
    qtbot.keyClick(dialog.server_edit, Qt.Key.Key_Return)
    assert dialog.job is not None
    qtbot.waitUntil(lambda: dialog.job is not None and dialog.job.finished, timeout=30_000)
    assert dialog.isVisible()
    assert dialog.message.text() == _("The server address must start with http:// or https://.")
    assert dialog.server_edit.text() == "ftp://nowhere"  # kept, to be corrected

    dialog.server_edit.clear()
    qtbot.keyClicks(dialog.server_edit, server.url)
    qtbot.keyClicks(dialog.code_edit, code)
    with qtbot.waitSignal(dialog.accepted, timeout=30_000):
        qtbot.keyClick(dialog.code_edit, Qt.Key.Key_Return)

    assert is_enrolled(store) and store.campaign_id == campaign_id
    qtbot.waitUntil(lambda: window.background_sync is not None, timeout=5_000)  # no restart
    assert window.background_sync is not None
    window.background_sync.stop()
