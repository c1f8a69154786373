"""The People screen: search, then person, household and douar pages, and merge review.

One screen with a stack of pages and a back history (Alt+Left or Escape), so a
worker can go from a search to a person, to their household, to its douar and
back without losing the search. Pages are read through the session on open.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from coldwave_app.domain.errors import N_, ColdwaveError
from coldwave_app.i18n import _, translate_error
from coldwave_app.services import people_pages as pages
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.ui.people.household_page import DouarPageView, HouseholdPageView
from coldwave_app.ui.people.merge_page import MergeReview
from coldwave_app.ui.people.person_page import PersonPageView
from coldwave_app.ui.people.search_page import SearchPage
from coldwave_app.ui.people.tables import PAGE_STYLE
from coldwave_app.ui.session import BackgroundJob, Session
from coldwave_app.ui.widgets import Label, set_action_text

# (attribute, msgid, keys): the screen's own shortcuts, none of them reserved by the shell.
ACTIONS = (
    ("back_action", N_("Back"), ("Alt+Left", "Escape")),
    ("household_action", N_("Open household"), ("Ctrl+H",)),
    ("merge_action", N_("Merge review"), ("Ctrl+M",)),
    ("unmerge_action", N_("Unmerge"), ("Ctrl+U",)),
    ("queue_action", N_("Duplicate review"), ("Ctrl+D",)),
)


class PeopleScreen(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setStyleSheet(PAGE_STYLE)
        self.stack = QStackedWidget(self)
        self.search = SearchPage(session, self.stack)
        self.person = PersonPageView(self.stack)
        self.household = HouseholdPageView(self.stack)
        self.douar = DouarPageView(self.stack)
        self.merge = MergeReview(session, self.stack)
        for page in (self.search, self.person, self.household, self.douar, self.merge):
            self.stack.addWidget(page)
        self.error = Label("", self)
        self.error.setObjectName("messageLine")
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.error)
        layout.addWidget(self.stack, 1)
        self._history: list[Callable[[], object]] = []
        self._current: Callable[[], object] | None = None
        self.search.open_person.connect(self.open_person)
        self.search.open_household.connect(self.open_household)
        self.search.open_douar.connect(self.open_douar)
        self.person.open_household.connect(self.open_household)
        self.person.review_duplicates.connect(self.open_merge_for)
        self.household.open_person.connect(self.open_person)
        self.household.open_douar.connect(self.open_douar)
        self.douar.open_household.connect(self.open_household)
        self._make_actions()
        session.changed.connect(self.refresh)
        self.retranslate()

    def _make_actions(self) -> None:
        handlers = {
            "back_action": self.back,
            "household_action": self.person._open_household,
            "merge_action": self._merge_key,
            "unmerge_action": lambda: self.merge.ask("unmerge"),
            "queue_action": self.open_queue,
        }
        for attribute, _msgid, keys in ACTIONS:
            action = QAction(self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(handlers[attribute])
            self.addAction(action)
            setattr(self, attribute, action)

    # -- navigation
    def focus_search(self) -> None:
        """Show the search page with the box focused and its text selected (Ctrl+F)."""
        self._history.clear()
        self._current = None
        self.stack.setCurrentWidget(self.search)
        self.search.box.setFocus()
        self.search.box.selectAll()

    def _go(self, show: Callable[[], bool]) -> None:
        """Show a page and remember how to come back to the one shown before."""
        came_from = self._current if self._current is not None else self._show_search
        if show():
            self._history.append(came_from)
            self._current = show

    def _show_search(self) -> None:
        self._current = None
        self.stack.setCurrentWidget(self.search)
        self.search.box.setFocus()

    def _read(self, query: Callable[[], object]) -> object | None:
        try:
            result = query()
        except ColdwaveError as err:
            self.error.setText(translate_error(err))
            self.error.show()
            return None
        self.error.hide()
        return result

    def open_person(self, person_id: str) -> None:
        def show() -> bool:
            page = self._read(
                lambda: self.session.read(lambda s: pages.person_page(s, person_id=person_id))
            )
            if page is None:
                return False
            self.person.show_page(page)  # type: ignore[arg-type]
            self.stack.setCurrentWidget(self.person)
            self.person.tabs.setFocus()
            return True

        self._go(show)

    def open_household(self, household_id: str) -> None:
        def show() -> bool:
            page = self._read(lambda: self.session.read(
                lambda s: pages.household_page(s, household_id=household_id)))  # fmt: skip
            if page is None:
                return False
            self.household.show_page(page)  # type: ignore[arg-type]
            self.stack.setCurrentWidget(self.household)
            return True

        self._go(show)

    def open_douar(self, geo_code: str) -> None:
        def show() -> bool:
            page = self._read(
                lambda: self.session.read(lambda s: pages.douar_page(s, geo_code=geo_code))
            )
            if page is None:
                return False
            self.douar.show_page(page)  # type: ignore[arg-type]
            self.stack.setCurrentWidget(self.douar)
            return True

        self._go(show)

    def open_merge_for(self, person_id: str) -> None:
        """Open the merge review of one person. Finding likely duplicates scores many
        candidates (a few hundred ms on a season), so it runs off the UI thread."""

        def job(store: LocalStore, handle: BackgroundJob) -> object:
            handle.check()
            person = pages.person_page(store, person_id=person_id).person
            return person, pages.duplicate_candidates(store, person_id=person_id)

        def done(found: object) -> None:
            person, candidates = cast(tuple[pages.PersonHit, list[pages.Candidate]], found)
            pairs = [(person, c) for c in candidates]

            def show() -> bool:
                self.merge.show_pairs(pairs, N_("Likely duplicates"))
                self.stack.setCurrentWidget(self.merge)
                return True

            self._go(show)

        def failed(err: BaseException) -> None:
            if isinstance(err, ColdwaveError):
                self.error.setText(translate_error(err))
                self.error.show()

        self.session.run(job, on_done=done, on_error=failed)

    def open_queue(self) -> None:
        def show() -> bool:
            pairs = self._read(lambda: self.session.read(lambda s: pages.duplicate_queue(s)))
            if pairs is None:
                return False
            self.merge.show_pairs(pairs, N_("Duplicate review"))  # type: ignore[arg-type]
            self.stack.setCurrentWidget(self.merge)
            return True

        self._go(show)

    def _merge_key(self) -> None:
        if self.stack.currentWidget() is self.merge:
            self.merge.ask("merge")
        elif self.stack.currentWidget() is self.person and self.person.page is not None:
            self.open_merge_for(self.person.page.person.id)

    def back(self) -> None:
        if self.merge.confirm_frame.isVisible():
            self.merge.cancel()
            return
        if not self._history:
            if self.stack.currentWidget() is self.search and self.search.box.text():
                self.search.box.clear()
            return
        previous = self._history.pop()
        self._current = None if previous == self._show_search else previous
        previous()

    # -- Screen protocol
    def refresh(self) -> None:
        current = self.stack.currentWidget()
        if current is self.search:
            self.search.refresh()
        elif current is self.merge:
            self.merge.select(self.merge.pairs_view.currentIndex().row())
        elif self._current is not None:
            self._current()

    def retranslate(self) -> None:
        for attribute, msgid, _keys in ACTIONS:
            set_action_text(getattr(self, attribute), _(msgid))
        for page in (self.search, self.person, self.household, self.douar, self.merge):
            page.retranslate()
