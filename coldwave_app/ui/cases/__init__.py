"""Follow-up: the case list with the due list, and the case file (assessment,
referrals under consent, follow-ups, family reintegration and its checks, notes
with their visibility).

    from coldwave_app.ui.cases import SCREENS
"""

from __future__ import annotations

from coldwave_app.domain.errors import N_
from coldwave_app.ui.cases.cases_screen import CasesScreen
from coldwave_app.ui.cases.tour_shots import case_tour
from coldwave_app.ui.screen_spec import ScreenSpec

__all__ = ["SCREENS", "CasesScreen"]

SCREENS: tuple[ScreenSpec, ...] = (
    ScreenSpec(
        key="cases",
        title=N_("Cases"),
        group=N_("Follow-up"),
        shortcut="Ctrl+7",
        factory=CasesScreen,
        tour=case_tour,
    ),
)
