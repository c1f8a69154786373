"""People: one search over people, households and douars; their pages; merge review."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from coldwave_app.domain.errors import N_
from coldwave_app.services import people_pages as pages
from coldwave_app.ui.people.household_page import HouseholdPageView
from coldwave_app.ui.people.merge_page import MergeReview
from coldwave_app.ui.people.person_page import PersonPageView
from coldwave_app.ui.people.screen import PeopleScreen
from coldwave_app.ui.screen_spec import ScreenSpec

__all__ = ["SCREENS", "PeopleScreen"]

W = TypeVar("W", bound=QWidget)

TOUR_QUERY = "mo"
"""What the tour types in the search box: a part of the commonest given name."""


def _window(widget: W) -> W:
    widget.setWindowFlag(Qt.WindowType.Window, True)
    widget.resize(1040, 760)  # the size a page has beside the navigation
    return widget


def _tour(screen: QWidget) -> Sequence[tuple[str, QWidget]]:
    """The search with results, a person, a household and the duplicate review."""
    assert isinstance(screen, PeopleScreen)
    session = screen.session
    shots: list[tuple[str, QWidget]] = []
    # Each picture is a window owned by the screen, so it is deleted with the screen.
    searching = _window(PeopleScreen(session, screen))
    results = session.read(lambda s: pages.search_everything(s, text=TOUR_QUERY))
    searching.search.box.blockSignals(True)
    searching.search.box.setText(TOUR_QUERY)
    searching.search.box.blockSignals(False)
    searching.search._arrived(results)
    shots.append(("people-search", searching))
    queue = session.read(lambda s: pages.duplicate_queue(s))
    if queue:
        person_id = queue[0][0].id
        view = _window(PersonPageView(screen))
        view.show_page(session.read(lambda s: pages.person_page(s, person_id=person_id)))
        shots.append(("people-person", view))
        review = _window(MergeReview(session, screen))
        review.show_pairs(queue, N_("Duplicate review"))
        shots.append(("people-merge", review))
    households = session.read(lambda s: pages.search_everything(s, text="H-")).households
    if households:
        household = _window(HouseholdPageView(screen))
        household.show_page(
            session.read(lambda s: pages.household_page(s, household_id=households[0].id))
        )
        shots.append(("people-household", household))
    return shots


SCREENS: tuple[ScreenSpec, ...] = (
    ScreenSpec(
        key="people",
        title=N_("People"),
        group=N_("People"),
        shortcut="Ctrl+8",
        factory=PeopleScreen,
        tour=_tour,
    ),
)
