"""The main window: navigation, home screen figures, status bar, menus, language switch."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import coldwave_app
from coldwave_app.i18n import _, current_language
from coldwave_app.i18n.formatting import format_number
from coldwave_app.services.campaign_setup import create_campaign
from coldwave_app.services.overview import campaign_overview
from coldwave_app.services.people import register_person
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.ui import NoDisplay, run_desktop
from coldwave_app.ui.about import AboutDialog, about_text
from coldwave_app.ui.application import APP_FONT_FAMILY
from coldwave_app.ui.home_screen import COUNT_TILES, HomeScreen
from coldwave_app.ui.main_window import MainWindow
from coldwave_app.ui.session import Session
from coldwave_app.ui.sync_view import ConflictsPage, SyncPage
from coldwave_app.ui.sync_view.status_texts import last_sync_text

pytestmark = pytest.mark.gui


def make_window(qtbot: QtBot, session: Session) -> MainWindow:
    window = MainWindow(session)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    return window


def home(window: MainWindow) -> HomeScreen:
    """The home screen once its figures, read in the background, are on screen."""
    screen = window.screen_widget("home")
    assert isinstance(screen, HomeScreen)
    window.session.settle()
    assert screen.loaded and not screen.busy
    return screen


def menu_titles(window: MainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


@pytest.fixture
def session(app: QApplication, store: LocalStore) -> Iterator[Session]:
    """A session on a laptop without a campaign (the template data directory)."""
    opened = Session(store)
    yield opened
    opened.settle()


def test_application_uses_the_bundled_font(app: QApplication) -> None:
    assert APP_FONT_FAMILY in QFontDatabase.families()
    assert app.font().family() == APP_FONT_FAMILY


def test_home_shows_campaign_province_and_counts(
    qtbot: QtBot, demo_session: Session, demo_store: LocalStore
) -> None:
    window = make_window(qtbot, demo_session)
    overview = campaign_overview(demo_store)
    screen = home(window)

    assert window.current_key == "home"
    assert "Khénifra" in screen.campaign_label.text()
    assert "Khénifra" in window.windowTitle()
    assert "Khénifra" in screen.province_label.text()
    assert screen.first_run.isHidden()
    assert [key for key, _caption in COUNT_TILES] == list(screen.tiles)
    for key, caption in COUNT_TILES:
        tile = screen.tiles[key]
        assert tile.value_label.text() == format_number(overview.counts.get(key, 0))
        assert tile.caption_label.text() == _(caption)
    assert overview.counts["person"] >= 387  # the demo's persons, and its duplicates
    indicators = window.indicators
    assert indicators.pending_label.text() == _("Pending changes: {n}").format(
        n=format_number(overview.pending_changes)
    )
    assert indicators.conflicts_label.text() == _("Open conflicts: {n}").format(n="0")
    assert indicators.conflicts_label.property("alert") is False
    assert indicators.quarantine_label.text() == _("Quarantined: {n}").format(n="0")
    assert indicators.last_sync_label.text() == _("Last sync: never")
    assert "amina" in indicators.user_label.text()


def test_a_laptop_without_campaign_says_so_and_offers_the_first_run_panel(
    qtbot: QtBot, session: Session
) -> None:
    window = make_window(qtbot, session)
    screen = home(window)
    assert screen.campaign_label.text() == _("No campaign on this laptop yet")
    assert screen.province_label.isHidden()
    assert screen.first_run.isVisible()
    assert screen.first_run.create_button.text() == _("Create campaign")
    assert screen.first_run.enrol_button.text() == _("Enrol with a code")
    assert screen.first_run.demo_button.text() == _("Load the demo")
    assert all(tile.value_label.text() == "0" for tile in screen.tiles.values())
    assert window.windowTitle() == "coldwave"


def test_last_sync_text(app: QApplication) -> None:
    assert last_sync_text(None) == _("Last sync: never")
    assert "18/12/2026" in last_sync_text("2026-12-18T09:30:00")
    assert "09:30" in last_sync_text("2026-12-18T09:30:00")
    assert "garbled" in last_sync_text("garbled")


def test_navigation_lists_screens_with_titles_and_keys_and_builds_them_lazily(
    qtbot: QtBot, demo_session: Session
) -> None:
    window = make_window(qtbot, demo_session)
    keys = [spec.key for spec in window.specs]
    assert keys[0] == "home" and {"sync", "conflicts"} <= set(keys)
    assert list(window.screens) == ["home"]  # the others are built when opened
    item = window.navigation.items["sync"]
    assert item.text(0) == _("Sync")
    assert "Ctrl+0" in item.text(1)
    assert window.screen_actions["sync"].shortcut() == QKeySequence("Ctrl+0")
    assert "Ctrl+0" in window.screen_actions["sync"].toolTip()

    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)  # a real key press
    assert isinstance(window.stack.currentWidget(), SyncPage)
    assert window.current_key == "sync"
    assert window.navigation.currentItem() is window.navigation.items["sync"]

    QTest.keySequence(window, QKeySequence("Ctrl+Shift+C"))
    assert isinstance(window.stack.currentWidget(), ConflictsPage)
    window.navigation.chosen.emit("home")
    assert window.current_key == "home"
    assert set(window.screens) == {"home", "sync", "conflicts"}


def test_status_bar_links_open_their_pages(qtbot: QtBot, demo_session: Session) -> None:
    window = make_window(qtbot, demo_session)
    qtbot.mouseClick(window.indicators.conflicts_label, Qt.MouseButton.LeftButton)
    assert window.current_key == "conflicts"
    qtbot.mouseClick(window.indicators.pending_label, Qt.MouseButton.LeftButton)
    assert window.current_key == "sync"


def test_f5_refreshes_the_current_screen_and_the_status_bar(
    qtbot: QtBot, demo_session: Session, demo_store: LocalStore
) -> None:
    window = make_window(qtbot, demo_session)
    before = campaign_overview(demo_store)
    # Written behind the session's back (as another process would): no `changed` signal.
    register_person(
        demo_store, sex="f", given_name_latn="Itto", family_name_latn="Ouali",
        birth_year=1970, province_code="05.301",
    )  # fmt: skip
    screen = home(window)
    persons = before.counts["person"]
    assert screen.tiles["person"].value_label.text() == format_number(persons)
    with qtbot.waitActive(window):
        window.activateWindow()
    assert window.refresh_action.shortcut() == QKeySequence(Qt.Key.Key_F5)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    demo_session.settle()  # the home screen reads its figures in the background
    assert screen.tiles["person"].value_label.text() == format_number(persons + 1)
    pending = campaign_overview(demo_store).pending_changes
    assert pending > before.pending_changes
    assert window.indicators.pending_label.text() == _("Pending changes: {n}").format(
        n=format_number(pending)
    )
    assert window.statusBar().currentMessage() == _("Figures refreshed")


def test_language_switch_mirrors_and_retranslates_every_built_screen(
    app: QApplication, small_catalogs: Path, qtbot: QtBot, demo_session: Session
) -> None:
    window = make_window(qtbot, demo_session)
    window.show_screen("sync")
    window.show_screen("home")
    assert _("&Language") in menu_titles(window) and "&Langue" in menu_titles(window)
    assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert window.navigation.x() < window.stack.x()  # leading side: left in French
    assert window.language_actions["fr"].isChecked()
    sync_page = window.screens["sync"]
    assert isinstance(sync_page, SyncPage)

    window.language_actions["ar"].trigger()
    qtbot.wait(10)

    assert current_language() == "ar"
    assert app.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert "&اللغة" in menu_titles(window)
    assert window.language_actions["ar"].isChecked()
    assert window.navigation.x() > window.stack.x()  # leading side: right in Arabic
    screen = home(window)
    assert "خنيفرة" in screen.province_label.text()
    persons = screen.overview.counts["person"]
    assert screen.tiles["person"].value_label.text() == format_number(persons, "ar")
    assert screen.campaign_label.alignment() & Qt.AlignmentFlag.AlignRight
    # A screen built earlier but hidden was retranslated too.
    assert sync_page.title.text() == _("Sync with the server")

    assert window.toggle_language_action.shortcut() == QKeySequence("Ctrl+L")
    window.toggle_language_action.trigger()
    assert current_language() == "fr"
    assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert screen.campaign_label.alignment() & Qt.AlignmentFlag.AlignLeft


def test_arabic_texts_change_on_the_home_screen(
    app: QApplication, qtbot: QtBot, demo_session: Session
) -> None:
    window = make_window(qtbot, demo_session)
    french = home(window).section_label.text()
    window.switch_language("ar")
    arabic = home(window).section_label.text()
    assert arabic != french and arabic == _("Records on this laptop")
    assert window.indicators.pending_label.layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_ctrl_l_key_switches_language(app: QApplication, qtbot: QtBot, session: Session) -> None:
    window = make_window(qtbot, session)
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert current_language() == "ar"
    assert app.layoutDirection() == Qt.LayoutDirection.RightToLeft
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert current_language() == "fr"


def test_quit_is_ctrl_q_and_closes(qtbot: QtBot, session: Session) -> None:
    window = make_window(qtbot, session)
    assert window.quit_action.shortcut() == QKeySequence("Ctrl+Q")
    window.quit_action.trigger()
    assert not window.isVisible()


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_about_names_version_and_data_sources(
    qtbot: QtBot, session: Session, language: str
) -> None:
    window = make_window(qtbot, session)
    window.switch_language(language)
    dialog = window.show_about()
    assert isinstance(dialog, AboutDialog)
    assert dialog.isVisible()
    text = dialog.text()
    assert "Haut-Commissariat au Plan" in text
    assert "CC BY 4.0" in text
    assert "Amiri" in text and "SIL Open Font License" in text
    assert coldwave_app.__version__ in text
    assert _("Data sources") in text
    assert dialog.windowTitle() == _("About coldwave")
    assert about_text().split("\n\n")[1:] == text.split("\n\n")[1:]
    layout = dialog.layout()
    assert layout is not None
    assert dialog.height() >= layout.totalHeightForWidth(dialog.width())


def test_open_about_follows_a_language_switch(
    small_catalogs: Path, qtbot: QtBot, session: Session
) -> None:
    window = make_window(qtbot, session)
    window.about_action.trigger()
    dialog = window.findChild(AboutDialog)
    assert dialog is not None
    assert dialog.windowTitle() == "À propos de coldwave"
    window.switch_language("ar")
    assert dialog.windowTitle() == "حول coldwave"
    assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_copy_diagnostics_puts_the_report_on_the_clipboard(
    app: QApplication, qtbot: QtBot, session: Session
) -> None:
    window = make_window(qtbot, session)
    assert window.diagnostics_action is not None
    assert window.diagnostics_action in window.help_menu.actions()
    app.clipboard().clear()
    window.diagnostics_action.trigger()
    assert "coldwave" in app.clipboard().text()
    assert window.statusBar().currentMessage() == _(
        "Diagnostics copied: paste them into your message to support."
    )


def test_a_new_campaign_shows_in_the_title_after_a_write(qtbot: QtBot, session: Session) -> None:
    window = make_window(qtbot, session)
    session.write(
        lambda s: create_campaign(
            s, name="Grand Froid 2026", province_code="05.301", period_start=date(2026, 11, 17)
        )
    )
    screen = home(window)
    assert "Grand Froid 2026" in screen.campaign_label.text()
    assert "Grand Froid 2026" in window.windowTitle()
    assert screen.first_run.isHidden()
    assert "Khénifra" in screen.province_label.text()


def test_run_desktop_opens_the_window_and_returns_the_exit_status(
    app: QApplication, demo_store: LocalStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []

    def look_and_quit(_app: object = None) -> int:
        windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]
        seen.extend(w.windowTitle() for w in windows if w.isVisible())
        for window in windows:
            window.close()
        return 3

    # Not the real event loop: a nested app.exec() leaves Qt's main thread unable to
    # deliver cross-thread signals to later tests (seen with pytest-qt).
    monkeypatch.setattr(QApplication, "exec", look_and_quit)
    assert run_desktop(demo_store, language="ar") == 3
    assert any("Khénifra" in text for text in seen)
    assert app.layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_run_desktop_refuses_without_a_display(
    monkeypatch: pytest.MonkeyPatch, store: LocalStore
) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.delenv("DISPLAY", raising=False)
    with pytest.raises(NoDisplay) as caught:
        run_desktop(store, language="fr")
    assert "coldwave tour" in caught.value.msgid
