"""`coldwave tour`: every main screen rendered offscreen to PNG, in each language.

Anyone can look at the app without a display (DESIGN §6). The widgets are shown
with WA_DontShowOnScreen, so the tour also works inside a desktop session without
windows flashing up.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication, QWidget

from coldwave_app.i18n import SUPPORTED_LANGUAGES, current_language
from coldwave_app.ui.about import AboutDialog
from coldwave_app.ui.application import create_application, set_ui_language
from coldwave_app.ui.main_window import DEFAULT_SIZE, MainWindow, OverviewProvider

__all__ = ["TOUR_LANGUAGES", "render_tour"]

TOUR_LANGUAGES: tuple[str, ...] = ("fr", "ar")
"""Languages of the tour, in the order the pictures are taken."""


def render_tour(
    out_dir: Path,
    overview_provider: OverviewProvider,
    *,
    languages: Sequence[str] = TOUR_LANGUAGES,
) -> list[Path]:
    """Render the main screens to out_dir/NN-<screen>-<lang>.png; returns the files written.

    Needs a QApplication that can draw (offscreen is enough); creates one if there is
    none. The language in use before the tour is restored afterwards.
    """
    for code in languages:
        if code not in SUPPORTED_LANGUAGES:
            raise ValueError(f"Unsupported language {code!r}: choose from {SUPPORTED_LANGUAGES}.")
    app = create_application()
    out_dir.mkdir(parents=True, exist_ok=True)
    previous = current_language()
    written: list[Path] = []
    screens: list[tuple[str, Callable[[MainWindow], QWidget]]] = [
        ("home", lambda window: window),
        ("about", lambda window: AboutDialog(window)),
    ]
    try:
        for code in languages:
            set_ui_language(app, code)
            window = MainWindow(overview_provider)
            window.resize(DEFAULT_SIZE)
            try:
                for number, (name, open_screen) in enumerate(screens, start=1):
                    widget = open_screen(window)
                    path = out_dir / f"{number:02d}-{name}-{code}.png"
                    _save(app, widget, path)
                    written.append(path)
            finally:
                _dispose(app, window)
    finally:
        set_ui_language(app, previous)
    return written


def _save(app: QApplication, widget: QWidget, path: Path) -> None:
    widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    widget.show()
    app.processEvents()
    if not widget.grab().save(str(path), "PNG"):
        raise OSError(f"Could not write {path}")


def _dispose(app: QApplication, window: MainWindow) -> None:
    for child in window.findChildren(AboutDialog):
        child.close()
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
