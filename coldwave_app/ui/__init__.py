"""The desktop app (PySide6 Widgets): the only package that imports Qt.

Importing this package does not load Qt: `coldwave_app.ui.display` is used to decide
whether Qt can start at all, and the entry points below import Qt when called.

    from coldwave_app.ui import run_desktop, run_tour
    run_desktop(store, language="ar")               # an unlocked store
    run_desktop(None, data_dir=path, user="amina")  # the login window first
    run_tour(Path("tour"), store)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from coldwave_app.domain.errors import N_, ColdwaveError
from coldwave_app.ui.display import display_available

if TYPE_CHECKING:
    from coldwave_app.storage.local_store import LocalStore

__all__ = ["NoDisplay", "display_available", "run_desktop", "run_tour"]


class NoDisplay(ColdwaveError):
    """Qt cannot open a window here (no DISPLAY, a stale one, or no Wayland socket)."""

    exit_code = 6


def run_desktop(
    store: LocalStore | None,
    *,
    data_dir: Path | None = None,
    user: str | None = None,
    language: str | None = None,
    sync_interval_s: float | None = None,
) -> int:
    """Open the main window and run the event loop; returns the exit status.

    Without `store`, the login window for `data_dir` comes first (`user` filled in);
    closing it ends the app with 0. `language` is "ar" or "fr" (None: the current
    language). A laptop enrolled with a server syncs in the background every
    `sync_interval_s` seconds (None: the default) and on Ctrl+Shift+S. A store
    opened here (login, or another user after "Switch user") is closed here; the
    caller closes the one it passed. Raises NoDisplay, instead of letting Qt abort
    the process, when there is no screen to draw on.
    """
    if not display_available():
        raise NoDisplay(
            N_(
                "No screen to open the window on. Start coldwave from a desktop session, "
                "or use `coldwave tour --out DIR` to render its screens to PNG files."
            )
        )
    if store is None and data_dir is None:
        raise ValueError("run_desktop needs a store or a data directory")
    from coldwave_app.services.laptop_login import laptop_users
    from coldwave_app.services.sync_service import SyncWorker, is_enrolled
    from coldwave_app.ui.application import create_application, set_ui_language
    from coldwave_app.ui.background_sync import DEFAULT_INTERVAL_S, BackgroundSync
    from coldwave_app.ui.login_dialog import LoginDialog
    from coldwave_app.ui.main_window import MainWindow
    from coldwave_app.ui.session import Session

    app = create_application(sys.argv)
    if language is not None:
        set_ui_language(app, language)
    given = store
    if store is None and data_dir is not None and not laptop_users(data_dir):
        # A new laptop: its first user first; the home screen's first-run panel follows.
        from coldwave_app.ui.first_user_dialog import FirstUserDialog

        first = FirstUserDialog(data_dir)
        if first.exec() != FirstUserDialog.DialogCode.Accepted or first.store is None:
            return 0
        store = first.store
    if store is None:
        assert data_dir is not None
        login = LoginDialog(data_dir, user=user)
        if login.exec() != LoginDialog.DialogCode.Accepted or login.store is None:
            return 0
        store = login.store
    background = None
    session = Session(store)
    if is_enrolled(store):
        worker = SyncWorker(store)
        worker.lock = session.lock
        interval = DEFAULT_INTERVAL_S if sync_interval_s is None else sync_interval_s
        background = BackgroundSync(worker, interval_s=interval)
    window = MainWindow(session, background_sync=background)
    window.show()
    if background is not None:
        background.start()
    try:
        return app.exec()
    finally:
        if window.background_sync is not None:
            window.background_sync.stop()
        session.wait_for_jobs()
        if session.store is not given:
            session.store.close()


def run_tour(out_dir: Path, store: LocalStore, *, language: str | None = None) -> list[Path]:
    """Render every screen and dialog to PNG files in out_dir, without a display.

    `language` limits the tour to "ar" or "fr"; None renders both. When no Qt
    application exists yet, QT_QPA_PLATFORM is forced to offscreen first, so this
    works on a server or in CI.
    """
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from coldwave_app.ui.application import create_application
    from coldwave_app.ui.session import Session
    from coldwave_app.ui.tour import TOUR_LANGUAGES, render_tour

    create_application([sys.argv[0] if sys.argv and sys.argv[0] else "coldwave"])
    languages = TOUR_LANGUAGES if language is None else (language,)
    session = Session(store)
    try:
        return render_tour(out_dir, session, languages=languages)
    finally:
        session.wait_for_jobs()
