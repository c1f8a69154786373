"""Conflict review: the open conflicts, base / mine / theirs, one key to keep a side."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.conflicts import ConflictedPair, conflicted_pair
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coldwave_app.i18n import _, isolate_auto
from coldwave_app.services.conflicts import count_open_conflicts, list_conflicts
from coldwave_app.ui.main_window import MainWindow
from coldwave_app.ui.session import Session
from coldwave_app.ui.sync_view import ConflictsPage

pytestmark = pytest.mark.gui


@pytest.fixture
def pair(demo_template_dir: Path, tmp_path: Path) -> Iterator[ConflictedPair]:
    built = conflicted_pair(demo_template_dir, tmp_path)
    yield built
    built.close()


@pytest.fixture
def window(app: QApplication, qtbot: QtBot, pair: ConflictedPair) -> MainWindow:
    made = MainWindow(Session(pair.mine), idle_timeout_s=3600)
    qtbot.addWidget(made)
    with qtbot.waitExposed(made):
        made.show()
    return made


def open_page(qtbot: QtBot, window: MainWindow) -> ConflictsPage:
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(
        window,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    page = window.stack.currentWidget()
    assert isinstance(page, ConflictsPage)
    return page


def known_as(pair: ConflictedPair) -> object:
    row = pair.mine.db.execute("SELECT known_as FROM person WHERE id = ?", [pair.person_id])
    return row.fetchone()[0]


def test_the_open_conflict_is_listed_with_base_mine_and_theirs(
    qtbot: QtBot, window: MainWindow, pair: ConflictedPair
) -> None:
    assert window.indicators.conflicts_label.property("alert") is True
    page = open_page(qtbot, window)
    conflict = list_conflicts(pair.mine)[0]

    assert page.model.rowCount() == 1
    assert page.model.index(0, 0).data() == _("Person")
    assert page.model.index(0, 2).data() == _("Known as")
    assert conflict.code in page.model.index(0, 1).data()
    assert page.selected is not None and page.selected.id == conflict.id
    assert page.mine_side.value.text() == isolate_auto(str(conflict.mine))
    assert page.theirs_side.value.text() == isolate_auto(str(conflict.theirs))
    assert page.base_side.value.text() in (_("(empty)"), isolate_auto(str(conflict.base)))
    assert page.keep_mine_action.shortcut() == QKeySequence("Alt+M")
    assert "Alt+M" in page.keep_mine_button.toolTip()
    assert page.title.text() == _("Conflicts to review: {n}").format(n="1")


def test_alt_m_keeps_mine_writes_it_and_closes_the_conflict(
    qtbot: QtBot, window: MainWindow, pair: ConflictedPair
) -> None:
    page = open_page(qtbot, window)
    conflict = list_conflicts(pair.mine)[0]
    page.table.setFocus()

    qtbot.keyClick(page.table, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)

    assert known_as(pair) == conflict.mine
    assert count_open_conflicts(pair.mine) == 0
    row = pair.mine.db.execute(
        "SELECT push_state FROM change_log WHERE table_name = 'person' AND row_id = ? "
        "AND field = 'known_as' ORDER BY seq DESC LIMIT 1",
        [pair.person_id],
    ).fetchone()
    assert row == ("pending",)  # a normal edit, on its way to the server
    assert page.model.rowCount() == 0
    assert page.empty_label.isVisible() and not page.table.isVisible()
    assert window.indicators.conflicts_label.text() == _("Open conflicts: {n}").format(n="0")


def test_keep_theirs_button(qtbot: QtBot, window: MainWindow, pair: ConflictedPair) -> None:
    page = open_page(qtbot, window)
    conflict = list_conflicts(pair.mine)[0]
    qtbot.mouseClick(page.keep_theirs_button, Qt.MouseButton.LeftButton)
    assert known_as(pair) == conflict.theirs
    assert count_open_conflicts(pair.mine) == 0


def test_the_page_in_arabic(
    app: QApplication, qtbot: QtBot, window: MainWindow, pair: ConflictedPair
) -> None:
    page = open_page(qtbot, window)
    french = page.model.index(0, 2).data()
    window.switch_language("ar")
    assert page.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert page.model.index(0, 2).data() != french
    assert page.model.index(0, 2).data() == _("Known as")
    assert page.keep_mine_button.text() == _("Keep mine")
    assert page.model.headerData(2, Qt.Orientation.Horizontal) == _("Field")
