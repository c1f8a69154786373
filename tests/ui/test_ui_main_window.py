"""The home screen: campaign, headline counts, sync indicator, menus, language switch."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontDatabase, QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import coldwave_app
from coldwave_app.domain.errors import ColdwaveError
from coldwave_app.i18n import _, current_language
from coldwave_app.i18n.formatting import format_number
from coldwave_app.services.campaign_setup import create_campaign
from coldwave_app.services.overview import CampaignOverview, campaign_overview
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.ui import NoDisplay, run_desktop
from coldwave_app.ui.about import AboutDialog, about_text
from coldwave_app.ui.application import APP_FONT_FAMILY
from coldwave_app.ui.main_window import COUNT_TILES, MainWindow, last_sync_text

pytestmark = pytest.mark.gui


def make_window(qtbot: QtBot, overview: CampaignOverview) -> MainWindow:
    window = MainWindow(lambda: overview)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    return window


def menu_titles(window: MainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def test_application_uses_the_bundled_font(app: QApplication) -> None:
    assert APP_FONT_FAMILY in QFontDatabase.families()
    assert app.font().family() == APP_FONT_FAMILY


def test_shows_campaign_province_and_counts(
    app: QApplication, qtbot: QtBot, overview: CampaignOverview
) -> None:
    window = make_window(qtbot, overview)

    assert "Hiver 2026 Ifrane" in window.campaign_label.text()
    assert "Hiver 2026 Ifrane" in window.windowTitle()
    assert "Ifrane" in window.province_label.text()
    assert "إفران" not in window.province_label.text()
    assert [key for key, _caption in COUNT_TILES] == list(window.tiles)
    for key, caption in COUNT_TILES:
        tile = window.tiles[key]
        assert tile.value_label.text() == format_number(overview.counts[key])
        assert tile.caption_label.text() == _(caption)
    assert window.tiles["person"].value_label.text() == "12\u202f345"  # fr: narrow no-break space

    assert window.pending_label.text() == _("Pending changes: {n}").format(n="42")
    assert window.conflicts_label.text() == _("Open conflicts: {n}").format(n="3")
    assert window.conflicts_label.property("alert") is True
    assert "18/12/2026" in window.last_sync_label.text()


def test_missing_counts_show_zero_and_no_campaign_is_said(app: QApplication, qtbot: QtBot) -> None:
    empty = CampaignOverview(None, None, None, None, None)
    window = make_window(qtbot, empty)
    assert window.campaign_label.text() == _("No campaign on this laptop yet")
    assert window.province_label.isHidden()
    assert all(tile.value_label.text() == "0" for tile in window.tiles.values())
    assert window.last_sync_label.text() == _("Last sync: never")
    assert window.conflicts_label.property("alert") is False


def test_last_sync_text(app: QApplication) -> None:
    assert last_sync_text(None) == _("Last sync: never")
    assert "18/12/2026" in last_sync_text("2026-12-18T09:30:00")
    assert "09:30" in last_sync_text("2026-12-18T09:30:00")
    assert "garbled" in last_sync_text("garbled")


def test_refresh_asks_the_provider_again(
    app: QApplication, qtbot: QtBot, overview: CampaignOverview
) -> None:
    served = [overview, replace(overview, pending_changes=0, counts={"person": 7})]
    calls: list[int] = []

    def provider() -> CampaignOverview:
        calls.append(1)
        return served[min(len(calls), len(served)) - 1]

    window = MainWindow(provider)
    qtbot.addWidget(window)
    assert window.refresh_action.shortcut() == QKeySequence(Qt.Key.Key_F5)
    window.refresh_action.trigger()
    assert len(calls) == 2
    assert window.tiles["person"].value_label.text() == "7"
    assert window.pending_label.text() == _("Pending changes: {n}").format(n="0")
    assert window.statusBar().currentMessage() == _("Figures refreshed")


def test_a_failed_refresh_keeps_the_figures_and_says_why(
    app: QApplication, qtbot: QtBot, overview: CampaignOverview
) -> None:
    failing = [False]

    def provider() -> CampaignOverview:
        if failing[0]:
            raise ColdwaveError("The database is busy.")
        return overview

    window = MainWindow(provider)
    qtbot.addWidget(window)
    failing[0] = True
    window.refresh()
    assert window.tiles["person"].value_label.text() == format_number(12345)
    assert window.statusBar().currentMessage() == "The database is busy."


def test_language_switch_mirrors_and_retranslates(
    app: QApplication, small_catalogs: Path, qtbot: QtBot, overview: CampaignOverview
) -> None:
    window = make_window(qtbot, overview)
    assert menu_titles(window) == ["&File", "&Langue", "&Help"]
    assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert window.language_actions["fr"].isChecked()

    window.language_actions["ar"].trigger()

    assert current_language() == "ar"
    assert app.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.campaign_label.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert menu_titles(window) == ["&File", "&اللغة", "&Help"]
    assert window.language_actions["ar"].isChecked()
    assert not window.language_actions["fr"].isChecked()
    assert "إفران" in window.province_label.text()
    assert window.tiles["person"].value_label.text() == format_number(12345, "ar")
    # Labels start at the right-hand edge, even a number or a Latin campaign name.
    assert window.campaign_label.alignment() & Qt.AlignmentFlag.AlignRight
    assert window.tiles["person"].value_label.alignment() & Qt.AlignmentFlag.AlignRight

    assert window.toggle_language_action.shortcut() == QKeySequence("Ctrl+L")
    window.toggle_language_action.trigger()
    assert current_language() == "fr"
    assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert menu_titles(window) == ["&File", "&Langue", "&Help"]
    assert window.campaign_label.alignment() & Qt.AlignmentFlag.AlignLeft


def test_ctrl_l_key_switches_language(
    app: QApplication, qtbot: QtBot, overview: CampaignOverview
) -> None:
    window = make_window(qtbot, overview)
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert current_language() == "ar"
    assert app.layoutDirection() == Qt.LayoutDirection.RightToLeft
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert current_language() == "fr"


def test_f5_key_refreshes(app: QApplication, qtbot: QtBot, overview: CampaignOverview) -> None:
    calls: list[int] = []

    def provider() -> CampaignOverview:
        calls.append(1)
        return overview

    window = MainWindow(provider)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert len(calls) == 2


def test_quit_is_ctrl_q_and_closes(
    app: QApplication, qtbot: QtBot, overview: CampaignOverview
) -> None:
    window = make_window(qtbot, overview)
    assert window.quit_action.shortcut() == QKeySequence("Ctrl+Q")
    window.quit_action.trigger()
    assert not window.isVisible()


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_about_names_version_and_data_sources(
    app: QApplication, qtbot: QtBot, overview: CampaignOverview, language: str
) -> None:
    window = make_window(qtbot, overview)
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
    # The whole attribution fits: the dialog is as tall as its text needs.
    layout = dialog.layout()
    assert layout is not None
    assert dialog.height() >= layout.totalHeightForWidth(dialog.width())


def test_open_about_follows_a_language_switch(
    app: QApplication, small_catalogs: Path, qtbot: QtBot, overview: CampaignOverview
) -> None:
    window = make_window(qtbot, overview)
    window.about_action.trigger()
    dialog = window.findChild(AboutDialog)
    assert dialog is not None
    assert dialog.windowTitle() == "À propos de coldwave"
    window.switch_language("ar")
    assert dialog.windowTitle() == "حول coldwave"
    assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_real_store_overview(app: QApplication, qtbot: QtBot, store: LocalStore) -> None:
    create_campaign(
        store, name="Grand Froid 2026", province_code="05.301", period_start=date(2026, 11, 17)
    )
    window = MainWindow(lambda: campaign_overview(store))
    qtbot.addWidget(window)
    overview = window.overview
    assert overview.campaign_name == "Grand Froid 2026"
    assert "Grand Froid 2026" in window.campaign_label.text()
    assert overview.province_name_fr and overview.province_name_fr in window.province_label.text()
    assert window.tiles["person"].value_label.text() == "0"
    assert window.last_sync_label.text() == _("Last sync: never")


def test_run_desktop_opens_the_window_and_returns_the_exit_status(
    app: QApplication, qtbot: QtBot, overview: CampaignOverview
) -> None:
    seen: list[str] = []

    def look_and_quit() -> None:
        windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]
        seen.extend(w.campaign_label.text() for w in windows if w.isVisible())
        for window in windows:
            window.close()
        app.exit(3)

    QTimer.singleShot(0, look_and_quit)
    assert run_desktop(lambda: overview, language="ar") == 3
    assert any("Hiver 2026 Ifrane" in text for text in seen)
    assert app.layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_run_desktop_refuses_without_a_display(
    monkeypatch: pytest.MonkeyPatch, overview: CampaignOverview
) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.delenv("DISPLAY", raising=False)
    with pytest.raises(NoDisplay) as caught:
        run_desktop(lambda: overview, language="fr")
    assert "coldwave tour" in caught.value.msgid
