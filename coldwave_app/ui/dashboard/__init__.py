"""The campaign lead's dashboard: indicators, charts, douar gaps, cold alert, review queue."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QApplication, QWidget

from coldwave_app.domain.errors import N_
from coldwave_app.ui.dashboard.dashboard_screen import DashboardScreen
from coldwave_app.ui.screen_spec import ScreenSpec

__all__ = ["SCREENS", "DashboardScreen"]


def _tour(screen: QWidget) -> Sequence[tuple[str, QWidget]]:
    """The whole campaign, the review queue and the cold-alert dialog."""
    assert isinstance(screen, DashboardScreen)
    screen.session.wait_for_jobs()
    QApplication.processEvents()
    screen.set_period("campaign")
    screen.session.wait_for_jobs()
    QApplication.processEvents()
    shots: list[tuple[str, QWidget]] = [("campaign", screen), ("review", screen.open_review())]
    if screen.board is not None and screen.board.alert is None:
        dialog = screen.toggle_alert()
        if dialog is not None:
            shots.append(("cold-alert", dialog))
    return shots


SCREENS: tuple[ScreenSpec, ...] = (
    ScreenSpec(
        key="dashboard",
        title=N_("Dashboard"),
        group=N_("Campaign"),
        shortcut="Ctrl+9",
        factory=DashboardScreen,
        tour=_tour,
        roles=frozenset({"campaign_lead", "viewer"}),
    ),
)
