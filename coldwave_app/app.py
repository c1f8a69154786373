"""Composition root: turns command-line choices into an unlocked store and a running app.

Nothing below this module knows about environment variables or prompts; the
desktop UI is imported only when a window is really wanted, so the CLI starts
fast and works on a machine without Qt's system libraries.
"""

from __future__ import annotations

import sys
from pathlib import Path

from coldwave_app.domain.errors import N_, AuthenticationFailed
from coldwave_app.services.overview import CampaignOverview, campaign_overview
from coldwave_app.services.sync_service import SyncWorker, is_enrolled
from coldwave_app.storage.keystore import Keystore
from coldwave_app.storage.local_store import LocalStore, unlock

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
    return unlock(data_dir, username=user or default_user(data_dir), password=password)


def start_desktop(store: LocalStore, *, language: str) -> int:
    """Open the main window on `store`; returns the exit code. Says so when no screen.

    A laptop enrolled with a server also syncs in the background while the window is
    open; the screens then read the store through the sync worker's lock.
    """
    from coldwave_app.ui.display import display_available

    if not display_available():
        from coldwave_app.i18n import _

        print(_(NO_DISPLAY), file=sys.stderr)
        return 0
    from coldwave_app.ui import run_desktop

    if not is_enrolled(store):

        def provider() -> CampaignOverview:
            return campaign_overview(store)

        return run_desktop(provider, language=language)
    worker = SyncWorker(store)

    def locked_provider() -> CampaignOverview:
        return worker.read(campaign_overview)

    return run_desktop(locked_provider, language=language, sync_worker=worker)


def render_tour(store: LocalStore, out_dir: Path, *, language: str | None) -> list[Path]:
    from coldwave_app.ui import run_tour

    def provider() -> CampaignOverview:
        return campaign_overview(store)

    return run_tour(out_dir, provider, language=language)
