"""Sync in view: the sync page (progress, cancel, bundles, quarantine) and conflict review."""

from __future__ import annotations

from typing import Final

from coldwave_app.domain.errors import N_
from coldwave_app.ui.screen_spec import ScreenSpec
from coldwave_app.ui.sync_view.conflicts_page import ConflictsPage
from coldwave_app.ui.sync_view.sync_page import SyncPage

__all__ = ["SCREENS", "ConflictsPage", "SyncPage"]

SCREENS: Final = (
    ScreenSpec(key="sync", title=N_("Sync"), group=N_("Sync"), shortcut="Ctrl+0", factory=SyncPage),
    ScreenSpec(
        key="conflicts",
        title=N_("Conflicts"),
        group=N_("Sync"),
        shortcut="Ctrl+Shift+C",
        factory=ConflictsPage,
    ),
)
