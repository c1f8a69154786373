"""Composition root: turns command-line choices into an unlocked store and a running app.

Nothing below this module knows about environment variables or prompts; the
desktop UI is imported only when a window is really wanted, so the CLI starts
fast and works on a machine without Qt's system libraries.
"""

from __future__ import annotations

import sys
from pathlib import Path

from coldwave_app.domain.errors import N_, AuthenticationFailed
from coldwave_app.logging_setup import configure_logging
from coldwave_app.services.safe_open import open_checked
from coldwave_app.storage.keystore import Keystore
from coldwave_app.storage.local_store import LocalStore

NO_DISPLAY = N_(
    "No display found: the desktop app needs a screen. Run `coldwave tour --out DIR` "
    "to render every screen to PNG files instead."
)


def default_user(data_dir: Path) -> str:
    """The only user of a data directory; with several, the caller must name one."""
    users = Keystore.in_dir(data_dir).usernames()
    if len(users) == 1:
        return users[0]
    raise AuthenticationFailed(
        N_("Several users share this laptop: give --user (or COLDWAVE_USER).")
    )


def open_store(data_dir: Path, *, user: str | None, password: str) -> LocalStore:
    """Unlock `data_dir` with its device log on, refusing a read-only disk or a damaged
    database with the way out, and making the scheduled backup when due."""
    configure_logging(data_dir)
    return open_checked(data_dir, username=user or default_user(data_dir), password=password)


def start_desktop(
    store: LocalStore | None,
    *,
    language: str,
    data_dir: Path | None = None,
    user: str | None = None,
) -> int:
    """Open the main window on `store`; returns the exit code. Says so when no screen.

    Without `store` (no password given in the environment), the login window for
    `data_dir` comes first. A laptop enrolled with a server also syncs in the
    background while the window is open.
    """
    from coldwave_app.ui.display import display_available

    if not display_available():
        from coldwave_app.i18n import _

        print(_(NO_DISPLAY), file=sys.stderr)
        return 0
    from coldwave_app.ui import run_desktop

    if store is None and data_dir is not None:
        configure_logging(data_dir)
    return run_desktop(store, data_dir=data_dir, user=user, language=language)


def render_tour(store: LocalStore, out_dir: Path, *, language: str | None) -> list[Path]:
    """Every screen and dialog as PNG files in `out_dir` (`language` None: both)."""
    from coldwave_app.ui import run_tour

    return run_tour(out_dir, store, language=language)
