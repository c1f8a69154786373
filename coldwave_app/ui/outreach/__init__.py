"""Outreach screens: rounds, douars, households, kits, tallies (Ctrl+5) and street
encounters (Ctrl+6). See round_screen and street_screen for their keys."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from coldwave_app.domain.errors import N_
from coldwave_app.ui.outreach.round_screen import OutreachRoundScreen
from coldwave_app.ui.outreach.street_screen import StreetEncounterScreen
from coldwave_app.ui.outreach.tour_shots import round_tour, street_tour
from coldwave_app.ui.screen_spec import ScreenSpec

__all__ = ["SCREENS", "OutreachRoundScreen", "StreetEncounterScreen"]


def _round_shots(screen: QWidget) -> Sequence[tuple[str, QWidget]]:
    return round_tour(screen) if isinstance(screen, OutreachRoundScreen) else []


def _street_shots(screen: QWidget) -> Sequence[tuple[str, QWidget]]:
    return street_tour(screen) if isinstance(screen, StreetEncounterScreen) else []


SCREENS: tuple[ScreenSpec, ...] = (
    ScreenSpec(
        key="outreach-round",
        title=N_("Outreach round"),
        group=N_("Outreach"),
        shortcut="Ctrl+5",
        factory=OutreachRoundScreen,
        tour=_round_shots,
    ),
    ScreenSpec(
        key="outreach-street",
        title=N_("Street encounters"),
        group=N_("Outreach"),
        shortcut="Ctrl+6",
        factory=StreetEncounterScreen,
        tour=_street_shots,
    ),
)
