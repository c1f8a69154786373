"""The review queue: double serving and likely duplicates found across laptops, one by one."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coldwave_app.domain.errors import N_, ColdwaveError
from coldwave_app.i18n import _, isolate_ltr, translate_error
from coldwave_app.services.review_queue import ReviewItem, decide_review_item, review_items
from coldwave_app.ui.session import Session
from coldwave_app.ui.widgets import Label, set_action_text

__all__ = ["KIND_NAMES", "ReviewDialog"]

KIND_NAMES: Final = {
    "double_serving": N_("Served twice"),
    "likely_duplicate": N_("Likely duplicate"),
}


def _summary(item: ReviewItem) -> str:
    """What the finding says, from its detail, without names (ids and rules only)."""
    parts = [
        f"{key}: {value}" for key, value in sorted(item.detail.items()) if value not in ("", None)
    ]
    return isolate_ltr("; ".join(parts)) if parts else ""


class ReviewDialog(QDialog):
    """Keys: Alt+C confirm, Alt+D dismiss the selected item; Escape closes."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("reviewDialog")
        self.resize(900, 520)
        self.items: list[ReviewItem] = []
        self.intro = Label(parent=self)
        self.intro.setWordWrap(True)
        self.table = QTableWidget(self)
        self.table.setObjectName("reviewTable")
        self.table.setColumnCount(4)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.note = QLineEdit(self)
        self.note.setObjectName("reviewNote")
        self.message = Label(parent=self)
        self.message.setObjectName("reviewMessage")
        self.confirm_action = self._action("Alt+C", "confirmed")
        self.dismiss_action = self._action("Alt+D", "dismissed")
        self.confirm_button = QPushButton(self)
        self.confirm_button.clicked.connect(self.confirm_action.trigger)
        self.dismiss_button = QPushButton(self)
        self.dismiss_button.clicked.connect(self.dismiss_action.trigger)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.confirm_button)
        row.addWidget(self.dismiss_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.refresh()

    def _action(self, keys: str, decision: str) -> QAction:
        action = QAction(self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: self.decide(decision))
        self.addAction(action)
        return action

    def refresh(self) -> None:
        try:
            self.items = self.session.read(lambda s: review_items(s))
        except ColdwaveError as err:
            self.message.setText(translate_error(err))
            self.items = []
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            cells = (
                _(KIND_NAMES.get(item.kind, item.kind)),
                isolate_ltr(item.created_at[:16].replace("T", " ")),
                isolate_ltr(f"{item.subject_id[:8]} ↔ {(item.other_id or '')[:8]}"),
                _summary(item),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if self.items:
            self.table.selectRow(0)
        self.table.resizeColumnsToContents()
        has = bool(self.items)
        for widget in (self.confirm_button, self.dismiss_button):
            widget.setEnabled(has)
        self.intro.setText(
            _("{n} findings to decide. Nothing is merged or cancelled automatically.").format(
                n=len(self.items)
            )
            if has
            else _("Nothing to review: no double serving or duplicate was found.")
        )

    def decide(self, decision: str) -> bool:
        row = self.table.currentRow()
        if not 0 <= row < len(self.items):
            return False
        item_id, note = self.items[row].id, self.note.text()
        try:
            self.session.write(
                lambda s: decide_review_item(s, item_id=item_id, decision=decision, note=note)
            )
        except ColdwaveError as err:
            self.message.setText(translate_error(err))
            return False
        self.note.clear()
        self.message.setText(_("Decision recorded; it will be sent with the next sync."))
        self.refresh()
        return True

    def retranslate(self) -> None:
        self.setWindowTitle(_("Review queue"))
        self.table.setHorizontalHeaderLabels([_("Kind"), _("Found on"), _("Records"), _("Detail")])
        self.note.setPlaceholderText(_("Note on the decision (optional)"))
        for action, button, text in (
            (self.confirm_action, self.confirm_button, _("Confirm")),
            (self.dismiss_action, self.dismiss_button, _("Dismiss")),
        ):
            set_action_text(action, text)
            button.setText(text)
            button.setToolTip(action.toolTip())
