"""Every screen of the app, in navigation order: the SCREENS of each area package."""

from __future__ import annotations

from coldwave_app.ui.screen_spec import ScreenSpec

__all__ = ["all_screens"]


def all_screens() -> tuple[ScreenSpec, ...]:
    """Home first, then each area's screens, sync last (its key is Ctrl+0).

    Imported here, not at module level, so that importing the shell stays cheap and
    an area is loaded only when the window is built.
    """
    from coldwave_app.ui import (
        cases,
        dashboard,
        home_screen,
        outreach,
        people,
        reports_view,
        shelter,
        sync_view,
    )

    return (
        *home_screen.SCREENS,
        *shelter.SCREENS,
        *outreach.SCREENS,
        *cases.SCREENS,
        *people.SCREENS,
        *dashboard.SCREENS,
        *reports_view.SCREENS,
        *sync_view.SCREENS,
    )
