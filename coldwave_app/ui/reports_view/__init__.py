"""Reports and exports screen: the PDF reports and aggregate exports, with a preview."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from coldwave_app.domain.errors import N_
from coldwave_app.ui.reports_view.reports_screen import ReportsScreen
from coldwave_app.ui.screen_spec import ScreenSpec

__all__ = ["SCREENS", "ReportsScreen"]


def _tour(screen: QWidget) -> Sequence[tuple[str, QWidget]]:
    """The sitrep of the demo's busiest day, generated and previewed."""
    assert isinstance(screen, ReportsScreen)
    screen.kinds.setCurrentRow(0)
    job = screen.generate()
    if job is not None:
        screen.session.wait_for_jobs()
        from PySide6.QtWidgets import QApplication

        QApplication.processEvents()
    return [("preview", screen)]


SCREENS: tuple[ScreenSpec, ...] = (
    ScreenSpec(
        key="reports",
        title=N_("Reports and exports"),
        group=N_("Campaign"),
        shortcut="Ctrl+Shift+R",
        factory=ReportsScreen,
        tour=_tour,
    ),
)
