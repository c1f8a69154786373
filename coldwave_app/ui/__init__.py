"""The desktop app (PySide6 Widgets): the only package that imports Qt.

Importing this package does not load Qt: `coldwave_app.ui.display` is used to decide
whether Qt can start at all, and the entry points below import Qt when called.

    from coldwave_app.ui import run_desktop, run_tour
    run_desktop(lambda: campaign_overview(store), language="ar")
    run_tour(Path("tour"), lambda: campaign_overview(store))
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from coldwave_app.domain.errors import N_, ColdwaveError
from coldwave_app.services.overview import CampaignOverview
from coldwave_app.ui.display import display_available

__all__ = ["NoDisplay", "display_available", "run_desktop", "run_tour"]


class NoDisplay(ColdwaveError):
    """Qt cannot open a window here (no DISPLAY, a stale one, or no Wayland socket)."""

    exit_code = 6


def run_desktop(
    overview_provider: Callable[[], CampaignOverview], *, language: str | None = None
) -> int:
    """Open the main window and run the event loop; returns the exit status.

    `language` is "ar" or "fr" (None: the current language). Raises NoDisplay,
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
    from coldwave_app.ui.main_window import MainWindow

    app = create_application(sys.argv)
    if language is not None:
        set_ui_language(app, language)
    window = MainWindow(overview_provider)
    window.show()
    return app.exec()


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
