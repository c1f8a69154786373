"""The shelter desk: the bed board with intake and check-in, the nightly roll call,
and the residents list. Screens plug into the main window through SCREENS.

    from coldwave_app.ui.shelter import SCREENS
"""

from __future__ import annotations

from coldwave_app.domain.errors import N_
from coldwave_app.ui.screen_spec import ScreenSpec
from coldwave_app.ui.shelter.bed_board import BedBoardScreen
from coldwave_app.ui.shelter.residents import ResidentsScreen
from coldwave_app.ui.shelter.roll_call import RollCallScreen
from coldwave_app.ui.shelter.tour_shots import bed_board_shots

__all__ = ["SCREENS", "BedBoardScreen", "ResidentsScreen", "RollCallScreen"]

_GROUP = N_("Shelter")

SCREENS: tuple[ScreenSpec, ...] = (
    ScreenSpec(
        key="shelter-beds",
        title=N_("Bed board"),
        group=_GROUP,
        shortcut="Ctrl+2",
        factory=BedBoardScreen,
        tour=bed_board_shots,
    ),
    ScreenSpec(
        key="shelter-rollcall",
        title=N_("Roll call"),
        group=_GROUP,
        shortcut="Ctrl+3",
        factory=RollCallScreen,
    ),
    ScreenSpec(
        key="shelter-residents",
        title=N_("Residents"),
        group=_GROUP,
        shortcut="Ctrl+4",
        factory=ResidentsScreen,
    ),
)
