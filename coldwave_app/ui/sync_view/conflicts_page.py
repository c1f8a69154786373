"""Conflict review: the open conflicts, and for the selected one base / mine / theirs.

One click (or Alt+M / Alt+T) keeps a side; the choice is written through the
conflicts service as a normal field edit, so it syncs and closes the conflict on
every laptop. The next conflict is selected, so a queue is cleared with the keys.
"""

from __future__ import annotations

import json
from typing import Any, Final

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coldwave_app.domain.errors import ColdwaveError
from coldwave_app.i18n import _, isolate_auto, translate_error
from coldwave_app.i18n.formatting import format_number
from coldwave_app.services.conflicts import ConflictView, resolve_conflict
from coldwave_app.ui.session import Session
from coldwave_app.ui.sync_view.conflict_model import (
    ConflictModel,
    field_title,
    record_text,
    table_title,
)
from coldwave_app.ui.widgets import Label, screen_action, set_action_text, set_button_text

__all__ = ["ConflictsPage", "value_text"]

_STYLE: Final = """
QLabel#pageTitle { font-size: 18pt; font-weight: bold; }
QFrame#sideCard { background: palette(base); border: 1px solid palette(midlight);
                  border-radius: 8px; }
QLabel#sideHeading { font-weight: bold; color: #4a5560; }
QLabel#sideValue { font-size: 14pt; }
QLabel#pageMessage { color: #9a3412; }
"""


def value_text(value: Any) -> str:
    """A stored value as a reviewer reads it: text as is, empty said, others as JSON."""
    if value is None or value == "":
        return _("(empty)")
    if isinstance(value, str):
        return isolate_auto(value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float):
        return format_number(value)
    return isolate_auto(json.dumps(value, ensure_ascii=False))


class _Side(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sideCard")
        self.heading = Label(parent=self)
        self.heading.setObjectName("sideHeading")
        self.value = Label(parent=self)
        self.value.setObjectName("sideValue")
        self.value.setWordWrap(True)
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 12)
        layout.addWidget(self.heading)
        layout.addWidget(self.value)
        layout.addStretch(1)


class ConflictsPage(QWidget):
    """Keys: Alt+M keep mine, Alt+T keep theirs (on the selected conflict)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setStyleSheet(_STYLE)
        self.keep_mine_action = self._action("Alt+M", lambda: self.keep("mine"))
        self.keep_theirs_action = self._action("Alt+T", lambda: self.keep("theirs"))

        self.title = Label(parent=self)
        self.title.setObjectName("pageTitle")
        self.hint = Label(parent=self)
        self.hint.setWordWrap(True)
        self.model = ConflictModel(session, self)
        self.table = QTableView(self)
        self.table.setObjectName("conflictTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.detail = QWidget(self)
        self.detail_heading = Label(parent=self.detail)
        self.detail_heading.setObjectName("sectionHeading")
        self.detail_heading.setWordWrap(True)
        self.base_side, self.mine_side, self.theirs_side = (_Side(self.detail) for _i in range(3))
        sides = QGridLayout()
        sides.setHorizontalSpacing(12)
        for column, side in enumerate((self.base_side, self.mine_side, self.theirs_side)):
            sides.addWidget(side, 0, column)
            sides.setColumnStretch(column, 1)
        self.keep_mine_button = QPushButton(self.detail)
        self.keep_mine_button.clicked.connect(self.keep_mine_action.trigger)
        self.keep_theirs_button = QPushButton(self.detail)
        self.keep_theirs_button.clicked.connect(self.keep_theirs_action.trigger)
        # Mine sits under "mine" and theirs under "theirs": the grid mirrors in Arabic.
        sides.addWidget(self.keep_mine_button, 1, 1)
        sides.addWidget(self.keep_theirs_button, 1, 2)
        self.message = Label(parent=self.detail)
        self.message.setObjectName("pageMessage")
        self.message.setWordWrap(True)
        detail_layout = QVBoxLayout(self.detail)
        detail_layout.setContentsMargins(0, 8, 0, 0)
        detail_layout.addWidget(self.detail_heading)
        detail_layout.addLayout(sides)
        detail_layout.addWidget(self.message)
        detail_layout.addStretch(1)
        self.empty_label = Label(parent=self)
        self.empty_label.setWordWrap(True)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(10)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.empty_label)
        layout.addWidget(splitter, 1)
        self.selected: ConflictView | None = None
        session.changed.connect(self.refresh)
        self.retranslate()
        self.refresh()

    def _action(self, keys: str, slot: Any) -> QAction:
        return screen_action(self, keys, slot)

    # -- behaviour ----------------------------------------------------------------

    def refresh(self) -> None:
        keep_row = self.table.currentIndex().row()
        try:
            self.model.reload()
        except ColdwaveError as err:
            self.message.setText(translate_error(err))
            return
        has_rows = self.model.rowCount() > 0
        self.table.setVisible(has_rows)
        self.detail.setVisible(has_rows)
        self.empty_label.setVisible(not has_rows)
        if has_rows:
            self.select_row(min(max(keep_row, 0), self.model.rowCount() - 1))
        else:
            self.selected = None
        self._show_title()

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)
        self.table.setCurrentIndex(self.model.index(row, 0))
        self._show_selected()

    def keep(self, side: str) -> None:
        """Keep "mine" or "theirs" for the selected conflict (Alt+M / Alt+T)."""
        conflict = self.selected
        if conflict is None:
            return
        self.message.clear()
        try:
            self.session.write(
                lambda store: resolve_conflict(store, conflict_id=conflict.id, keep=side)
            )
        except ColdwaveError as err:
            self.message.setText(translate_error(err))

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_selected()

    def _show_selected(self) -> None:
        row = self.table.currentIndex().row()
        self.selected = self.model.rows[row] if 0 <= row < len(self.model.rows) else None
        self._show_detail()

    def _show_detail(self) -> None:
        conflict = self.selected
        enabled = conflict is not None
        self.keep_mine_action.setEnabled(enabled)
        self.keep_theirs_action.setEnabled(enabled)
        self.keep_mine_button.setEnabled(enabled)
        self.keep_theirs_button.setEnabled(enabled)
        if conflict is None:
            return
        self.detail_heading.setText(
            _("{record_type} {record}: {field}").format(
                record_type=table_title(conflict.table),
                record=record_text(conflict),
                field=field_title(conflict.field),
            )
        )
        self.base_side.value.setText(
            value_text(conflict.base) if conflict.has_base else _("(not known)")
        )
        self.mine_side.value.setText(value_text(conflict.mine))
        self.theirs_side.value.setText(value_text(conflict.theirs))

    def retranslate(self) -> None:
        self.hint.setText(
            _(
                "Two people changed the same field without seeing each other's change. "
                "Choose the value to keep; the choice is sent to every laptop."
            )
        )
        self.empty_label.setText(_("No open conflict. Nothing to review."))
        self.base_side.heading.setText(_("Before both changes"))
        self.mine_side.heading.setText(_("Overtaken change (mine)"))
        self.theirs_side.heading.setText(_("Current value (theirs)"))
        set_action_text(self.keep_mine_action, _("Keep mine"))
        set_action_text(self.keep_theirs_action, _("Keep theirs"))
        for button, action in (
            (self.keep_mine_button, self.keep_mine_action),
            (self.keep_theirs_button, self.keep_theirs_action),
        ):
            set_button_text(button, action.text())
            button.setToolTip(action.toolTip())
        self.model.retranslate()
        self._show_title()
        self._show_detail()

    def _show_title(self) -> None:
        self.title.setText(_("Conflicts to review: {n}").format(n=format_number(self.model.total)))
