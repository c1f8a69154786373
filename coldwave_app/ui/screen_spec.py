"""How a screen plugs into the main window, the navigation and the tour.

Each area package (ui/shelter, ui/outreach, ui/cases, ui/people, ui/dashboard,
ui/sync_view) exposes `SCREENS: tuple[ScreenSpec, ...]`. The main window lists them
in the navigation in that order, gives each its shortcut, and builds a screen the
first time it is opened. A screen is a QWidget that follows the `Screen` protocol:

    class BedBoard(QWidget):
        def __init__(self, session: Session, parent: QWidget | None = None): ...
        def refresh(self) -> None: ...        # re-read what it shows (on Session.changed)
        def retranslate(self) -> None: ...    # set every text again (language switch)

`tour` returns the extra pictures of a screen (its dialogs, a filled form) for
`coldwave tour`: pairs of (name, widget) made from an opened screen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from PySide6.QtWidgets import QWidget

from coldwave_app.ui.session import Session

__all__ = ["Screen", "ScreenSpec", "TourShots"]


@runtime_checkable
class Screen(Protocol):
    def refresh(self) -> None: ...

    def retranslate(self) -> None: ...


TourShots = Callable[[QWidget], Sequence[tuple[str, QWidget]]]
"""From an opened screen, the extra widgets to picture: [(name, widget)], e.g. dialogs."""


@dataclass(frozen=True)
class ScreenSpec:
    """One entry of the navigation.

    `key` names the screen in code and in tour file names ("shelter-beds");
    `title` and `group` are msgids (N_) translated when shown; `shortcut` is a
    QKeySequence string ("Ctrl+1"), shown in the menu and the tooltip; `roles`,
    when not empty, limits the screen to those roles (admin always sees it).
    """

    key: str
    title: str
    group: str
    shortcut: str
    factory: Callable[[Session], QWidget]
    tour: TourShots | None = None
    roles: frozenset[str] = field(default_factory=frozenset)
