"""The navigation side panel: screens grouped by area, each with its title and shortcut.

It sits on the leading side of the window (left in French, right in Arabic: the
window's layout mirrors it). Arrow keys move, Enter or a click opens a screen.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from coldwave_app.i18n import _
from coldwave_app.ui.screen_spec import ScreenSpec

__all__ = ["NavigationPanel"]

_KEY_ROLE = Qt.ItemDataRole.UserRole


class NavigationPanel(QTreeWidget):
    """Emits `chosen(key)` when a screen is picked."""

    chosen = Signal(str)

    def __init__(self, specs: Sequence[ScreenSpec], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigation")
        self.specs = list(specs)
        self.setColumnCount(2)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setIndentation(12)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(280)
        self.setMaximumWidth(340)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.groups: dict[str, QTreeWidgetItem] = {}
        self.items: dict[str, QTreeWidgetItem] = {}
        bold = QFont(self.font())
        bold.setBold(True)
        for spec in self.specs:
            group = self.groups.get(spec.group)
            if group is None:
                group = QTreeWidgetItem(self)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                group.setFont(0, bold)
                self.groups[spec.group] = group
            item = QTreeWidgetItem(group)
            item.setData(0, _KEY_ROLE, spec.key)
            item.setForeground(1, QBrush(QColor("#6b7580")))
            self.items[spec.key] = item
        self.expandAll()
        self.itemActivated.connect(self._activated)
        self.itemClicked.connect(self._activated)
        self.retranslate()

    def retranslate(self) -> None:
        for group_id, group in self.groups.items():
            group.setText(0, _(group_id))
        for spec in self.specs:
            item = self.items[spec.key]
            item.setText(0, _(spec.title))
            keys = QKeySequence(spec.shortcut).toString(QKeySequence.SequenceFormat.NativeText)
            # Latin key names: isolated so that Arabic text around them does not reorder them.
            item.setText(1, f"\u2066{keys}\u2069" if keys else "")
            item.setToolTip(0, f"{_(spec.title)} (\u2066{keys}\u2069)" if keys else _(spec.title))

    def mark_current(self, key: str) -> None:
        item = self.items.get(key)
        if item is not None and self.currentItem() is not item:
            self.blockSignals(True)
            self.setCurrentItem(item)
            self.blockSignals(False)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        key = item.data(0, _KEY_ROLE)
        if key:
            self.chosen.emit(str(key))
