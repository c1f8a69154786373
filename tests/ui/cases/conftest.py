"""The Cases screen on a fresh copy of the demo campaign, shown and active (shortcuts
only fire in the active window), with the due list computed."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from coldwave_app.services import case_desk
from coldwave_app.services.case_desk import CaseListRow
from coldwave_app.ui.cases import CasesScreen
from coldwave_app.ui.session import Session


def show_screen(qtbot: QtBot, session: Session) -> CasesScreen:
    screen = CasesScreen(session)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    screen.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is screen)
    qtbot.waitUntil(lambda: not screen.list_page.due_model.loading)
    return screen


@pytest.fixture
def screen(qtbot: QtBot, demo_session: Session) -> Iterator[CasesScreen]:
    shown = show_screen(qtbot, demo_session)
    yield shown
    demo_session.wait_for_jobs()
    _dispose(shown)


def _dispose(widget: QWidget) -> None:
    """Delete the screen now: a language switch at teardown must not find it reading
    a store that is closed."""
    if not isValid(widget):  # qtbot got there first
        return
    widget.close()
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _active_cases(session: Session) -> list[CaseListRow]:
    def read(store: object) -> list[CaseListRow]:
        where = case_desk.case_filter(session.store, status="active")
        return case_desk.case_page(session.store, where=where, offset=0)

    return session.read(read)


@pytest.fixture
def active_cases() -> Callable[[Session], list[CaseListRow]]:
    """The cases not closed, as the list shows them."""
    return _active_cases


@pytest.fixture
def open_case() -> Callable[[CasesScreen, str], None]:
    """Select a case in the list and press Enter on it."""
    return _open_in_screen


def _open_in_screen(screen: CasesScreen, case_id: str) -> None:
    """Select the case in the list and press Enter on it, as a user would."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    view, model = screen.list_page.case_view, screen.list_page.case_model
    row = next(r for r in range(model.rowCount()) if model.case_id(r) == case_id)
    view.setFocus()
    view.setCurrentIndex(model.index(row, 0))
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert screen.stack.currentWidget() is screen.file_view
    assert screen.file_view.case_id == case_id


@pytest.fixture
def show(qtbot: QtBot) -> Iterator[Callable[[Session], CasesScreen]]:
    """Show a Cases screen for another session (another user on the same data)."""
    shown: list[CasesScreen] = []

    def make(session: Session) -> CasesScreen:
        shown.append(show_screen(qtbot, session))
        return shown[-1]

    yield make
    for widget in shown:
        _dispose(widget)
