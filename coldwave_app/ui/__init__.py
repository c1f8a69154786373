"""The desktop app (PySide6 Widgets): the only package that imports Qt.

Importing this package does not load Qt: `coldwave_app.ui.display` is used to decide
whether Qt can start at all, and the entry points below import Qt when called.

    from coldwave_app.ui import run_desktop, run_tour
    run_desktop(lambda: campaign_overview(store), language="ar")
    run_desktop(lambda: worker.read(campaign_overview), sync_worker=worker)  # enrolled
    run_tour(Path("tour"), lambda: campaign_overview(store))
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from coldwave_app.domain.errors import N_, ColdwaveError
from coldwave_app.services.overview import CampaignOverview
from coldwave_app.ui.display import display_available

if TYPE_CHECKING:
    from coldwave_app.services.sync_service import SyncWorker

__all__ = ["NoDisplay", "display_available", "run_desktop", "run_tour"]


class NoDisplay(ColdwaveError):
    """Qt cannot open a window here (no DISPLAY, a stale one, or no Wayland socket)."""

    exit_code = 6


def run_desktop(
    overview_provider: Callable[[], CampaignOverview],
    *,
    language: str | None = None,
    sync_worker: SyncWorker | None = None,
    sync_interval_s: float | None = None,
) -> int:
    """Open the main window and run the event loop; returns the exit status.

    `language` is "ar" or "fr" (None: the current language). With `sync_worker` (a
    laptop enrolled with a server), the window syncs in the background every
    `sync_interval_s` seconds (None: the default) and on Ctrl+Shift+S; the provider
    must then read through the worker's lock. Raises NoDisplay,
    instead of letting Qt abort the process, when there is no screen to draw on.
    """
    if not display_available():
        raise NoDisplay(
            N_(
                "No screen to open the window on. Start coldwave from a desktop session, "
                "or use `coldwave tour --out DIR` to render its screens to PNG files."
            )
        )
    from coldwave_app.ui.application import create_application, set_ui_language
    from coldwave_app.ui.background_sync import DEFAULT_INTERVAL_S, BackgroundSync
    from coldwave_app.ui.main_window import MainWindow

    app = create_application(sys.argv)
    if language is not None:
        set_ui_language(app, language)
    background = None
    if sync_worker is not None:
        interval = DEFAULT_INTERVAL_S if sync_interval_s is None else sync_interval_s
        background = BackgroundSync(sync_worker, interval_s=interval)
    window = MainWindow(overview_provider, background_sync=background)
    window.show()
    if background is not None:
        background.start()
    try:
        return app.exec()
    finally:
        if background is not None:
            background.stop()


def run_tour(
    out_dir: Path,
    overview_provider: Callable[[], CampaignOverview],
    *,
    language: str | None = None,
) -> list[Path]:
    """Render the main screens to PNG files in out_dir, without a display.

    `language` limits the tour to "ar" or "fr"; None renders both. When no Qt
    application exists yet, QT_QPA_PLATFORM is forced to offscreen first, so this
    works on a server or in CI.
    """
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from coldwave_app.ui.application import create_application
    from coldwave_app.ui.tour import TOUR_LANGUAGES, render_tour

    create_application([sys.argv[0] if sys.argv and sys.argv[0] else "coldwave"])
    languages = TOUR_LANGUAGES if language is None else (language,)
    return render_tour(out_dir, overview_provider, languages=languages)
