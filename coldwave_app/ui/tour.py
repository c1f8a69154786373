"""`coldwave tour`: every screen and dialog rendered offscreen to PNG, in each language.

Anyone can look at the app without a display (DESIGN §6). The pictures follow the
navigation (`areas.all_screens()`): each screen, then the extra shots its spec
names (dialogs, a filled form), then the login window, the lock screen and the
About box. Files are NN-<screen>[-<shot>]-<lang>.png, numbered in that order.
The widgets are shown with WA_DontShowOnScreen, so the tour also works inside a
desktop session without windows flashing up.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication, QWidget

from coldwave_app.i18n import SUPPORTED_LANGUAGES, current_language
from coldwave_app.ui.about import AboutDialog
from coldwave_app.ui.application import create_application, set_ui_language
from coldwave_app.ui.first_user_dialog import FirstUserDialog
from coldwave_app.ui.login_dialog import LoginDialog
from coldwave_app.ui.main_window import DEFAULT_SIZE, MainWindow
from coldwave_app.ui.screen_spec import ScreenSpec
from coldwave_app.ui.session import Session

__all__ = ["TOUR_LANGUAGES", "render_tour"]

TOUR_LANGUAGES: tuple[str, ...] = ("fr", "ar")
"""Languages of the tour, in the order the pictures are taken."""

_TOUR_IDLE_S = 24 * 3600.0  # the tour must never be locked by the idle timer


def render_tour(
    out_dir: Path,
    session: Session,
    *,
    languages: Sequence[str] = TOUR_LANGUAGES,
    screens: Sequence[ScreenSpec] | None = None,
) -> list[Path]:
    """Render every screen to out_dir; returns the files written, in order.

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
    try:
        for code in languages:
            set_ui_language(app, code)
            written.extend(_tour_one_language(app, out_dir, session, code, screens))
    finally:
        set_ui_language(app, previous)
    return written


def _tour_one_language(
    app: QApplication,
    out_dir: Path,
    session: Session,
    code: str,
    screens: Sequence[ScreenSpec] | None,
) -> list[Path]:
    before = set(app.topLevelWidgets())
    window = MainWindow(session, screens=screens, idle_timeout_s=_TOUR_IDLE_S)
    window.resize(DEFAULT_SIZE)
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    window.show()
    written: list[Path] = []

    def save(name: str, widget: QWidget) -> None:
        path = out_dir / f"{len(written) + 1:02d}-{name}-{code}.png"
        _save(app, widget, path)
        written.append(path)

    try:
        for spec in window.specs:
            screen = window.show_screen(spec.key)
            if screen is None:
                continue
            session.settle()  # screens read their figures in the background
            save(spec.key, window)
            if spec.tour is not None:
                for shot, widget in spec.tour(screen):
                    save(f"{spec.key}-{shot}", widget)
                    widget.close()
        extras: list[tuple[str, Callable[[], QWidget]]] = [
            (
                "login",
                lambda: LoginDialog(session.store.data_dir, user=session.username, parent=window),
            ),
            ("about", lambda: AboutDialog(window)),
            # Nothing is written until it is accepted: a path that does not exist is fine.
            ("first-user", lambda: FirstUserDialog(session.store.data_dir / "new-laptop", window)),
        ]
        for name, make in extras:
            widget = make()
            save(name, widget)
            widget.close()
        window.lock()
        save("lock", window)
    finally:
        _dispose(app, window, keep=before)
    return written


def _save(app: QApplication, widget: QWidget, path: Path) -> None:
    widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    widget.show()
    app.processEvents()
    if not widget.grab().save(str(path), "PNG"):
        raise OSError(f"Could not write {path}")


def _dispose(app: QApplication, window: MainWindow, *, keep: set[QWidget]) -> None:
    """Close and delete the window and every top-level widget the tour made (a screen's
    tour shots may be windows of their own): none may outlive the store they read."""
    for child in window.findChildren(QWidget):
        if child.isWindow():
            child.close()
    window.close()
    window.deleteLater()
    for widget in app.topLevelWidgets():
        if widget not in keep and widget is not window:
            widget.close()
            widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
