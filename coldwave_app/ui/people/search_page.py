"""The search box and its results: people, households and douars as you type.

Each key restarts a short timer (DEBOUNCE_MS); when it fires, the previous search is
cancelled and a new one runs off the UI thread (Session.run). A result that arrives
for text no longer in the box is dropped, so a slow search never overwrites a newer
one. Down moves from the box into the list; Enter opens the highlighted row.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coldwave_app.domain.errors import ColdwaveError
from coldwave_app.i18n import _, translate_error
from coldwave_app.i18n.formatting import format_number
from coldwave_app.services.people_pages import (
    PAGE_SIZE,
    PersonHit,
    SearchResults,
    search_everything,
    search_people,
)
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.ui.people.search_model import SearchModel
from coldwave_app.ui.session import BackgroundJob, Session
from coldwave_app.ui.widgets import Label

DEBOUNCE_MS = 150


class _SearchBox(QLineEdit):
    """Down goes to the results; Enter opens the first one."""

    down = Signal()
    enter = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.down.emit()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter.emit()
            return
        super().keyPressEvent(event)


class _ResultsView(QTableView):
    opened = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.opened.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


class SearchPage(QWidget):
    open_person = Signal(str)
    open_household = Signal(str)
    open_douar = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._job: BackgroundJob | None = None
        self._page_job: BackgroundJob | None = None
        self._searched = ""
        self.box = _SearchBox(self)
        self.box.setObjectName("peopleSearchBox")
        self.box.setClearButtonEnabled(True)
        self.status = Label("", self)
        self.status.setObjectName("searchStatus")
        self.model = SearchModel(self)
        self.view = _ResultsView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((300, 300, 170)):
            self.view.setColumnWidth(column, width)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(10)
        layout.addWidget(self.box)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.search_now)
        self.box.textChanged.connect(self._typed)
        self.box.down.connect(self._into_results)
        self.box.enter.connect(self._open_first)
        self.view.opened.connect(self._open_row)
        self.view.doubleClicked.connect(lambda index: self._open_row(index.row()))
        self.model.more_wanted.connect(self._fetch_page)
        self.retranslate()

    # -- searching
    def _typed(self, _text: str) -> None:
        if self._job is not None:
            self._job.cancel()  # the next key makes the running search useless
        self.timer.start()

    def search_now(self) -> None:
        """Run the search for what is in the box now (the timer calls this)."""
        self.timer.stop()
        text = self.box.text()
        if self._job is not None:
            self._job.cancel()
        if self._page_job is not None:
            self._page_job.cancel()
        if not text.strip():
            self._searched = ""
            self.model.clear()
            self._show_counts()
            return
        self.status.setText(_("Searching…"))

        def job(store: LocalStore, handle: BackgroundJob) -> object:
            handle.check()
            return search_everything(store, text=text)

        self._job = self.session.run(job, on_done=self._arrived, on_error=self._failed)

    def _arrived(self, results: object) -> None:
        found = cast(SearchResults, results)
        if found.text != self.box.text():
            return  # typed on since: a newer search is on its way
        self._searched = found.text
        self.model.set_results(found)
        self._show_counts()

    def _fetch_page(self, skip: int) -> None:
        text = self._searched

        def job(store: LocalStore, handle: BackgroundJob) -> object:
            handle.check()
            return text, search_people(store, text=text, skip=skip, limit=PAGE_SIZE)

        def done(result: object) -> None:
            searched, (people, more) = cast(tuple[str, tuple[list[PersonHit], bool]], result)
            if searched == self._searched:
                self.model.append_people(people, more)
                self._show_counts()

        self._page_job = self.session.run(job, on_done=done, on_error=self._failed)

    def _failed(self, err: BaseException) -> None:
        if isinstance(err, ColdwaveError):
            self.status.setText(translate_error(err))
        else:
            self.status.setText(_("The search failed: {error}").format(error=str(err)))

    def _show_counts(self) -> None:
        if not self._searched:
            self.status.setText(_("Type a name in Arabic or Latin letters, a code or a CIN."))
            return
        counts = self.model.counts()
        people = format_number(counts["person"]) + ("+" if self.model.more_people else "")
        self.status.setText(
            _("{people} people, {households} households, {douars} douars").format(
                people=people,
                households=format_number(counts["household"]),
                douars=format_number(counts["douar"]),
            )
        )

    # -- opening
    def _into_results(self) -> None:
        row = self.model.first_openable()
        if row >= 0:
            self.view.setFocus()
            self.view.setCurrentIndex(self.model.index(row, 0))

    def _open_first(self) -> None:
        if self.timer.isActive() or self._searched != self.box.text():
            return  # the list still shows an older search
        self._open_row(self.model.first_openable())

    def _open_row(self, row: int) -> None:
        kind, hit = self.model.entry(row)
        if kind == "person":
            self.open_person.emit(hit.id)
        elif kind == "household":
            self.open_household.emit(hit.id)
        elif kind == "douar":
            self.open_douar.emit(hit.code)

    def current_row(self) -> QModelIndex:
        return self.view.currentIndex()

    def refresh(self) -> None:
        if self._searched:
            self.search_now()

    def retranslate(self) -> None:
        self.box.setPlaceholderText(_("Name (Arabic or Latin), beneficiary code or CIN"))
        self.box.setAccessibleName(_("Search people, households and douars"))
        self.model.retranslate()
        self._show_counts()
