"""The sync indicators in the main window's status bar, each a link to its page.

Last sync, pending changes, open conflicts and quarantined changes stay visible on
every screen (permanent widgets); clicking one (or Enter on it) opens the page that
explains it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QStatusBar, QWidget

from coldwave_app.i18n import _
from coldwave_app.i18n.formatting import format_number
from coldwave_app.services.sync_status import SyncStatus
from coldwave_app.ui.sync_view.status_texts import last_sync_text
from coldwave_app.ui.widgets import Label

__all__ = ["LinkLabel", "SyncIndicators"]

STYLE = """
QLabel[link="true"] { padding: 0 8px; }
QLabel[link="true"]:hover { text-decoration: underline; }
QLabel[alert="true"] { color: #9a3412; font-weight: bold; }
"""


class LinkLabel(Label):
    """A status-bar label that opens a screen: emits `activated(screen_key)`."""

    activated = Signal(str)

    def __init__(self, target: str, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.target = target
        self.setProperty("link", True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.activated.emit(self.target)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit(self.target)
            return
        super().keyPressEvent(event)

    def set_alert(self, alert: bool) -> None:
        if self.property("alert") != alert:
            self.setProperty("alert", alert)
            self.style().unpolish(self)
            self.style().polish(self)


class SyncIndicators:
    """Creates the labels in `status_bar`; `show(status)` sets their texts."""

    def __init__(self, status_bar: QStatusBar) -> None:
        self.user_label = Label(parent=status_bar)
        self.user_label.setObjectName("currentUser")
        self.pending_label = LinkLabel("sync", status_bar)
        self.pending_label.setObjectName("pendingChanges")
        self.conflicts_label = LinkLabel("conflicts", status_bar)
        self.conflicts_label.setObjectName("openConflicts")
        self.quarantine_label = LinkLabel("sync", status_bar)
        self.quarantine_label.setObjectName("quarantinedChanges")
        self.last_sync_label = LinkLabel("sync", status_bar)
        self.last_sync_label.setObjectName("lastSync")
        self.links = (
            self.pending_label,
            self.conflicts_label,
            self.quarantine_label,
            self.last_sync_label,
        )
        # Permanent widgets stay visible while a temporary message is shown.
        status_bar.addPermanentWidget(self.user_label)
        for label in self.links:
            status_bar.addPermanentWidget(label)

    def show(self, status: SyncStatus, *, user: str) -> None:
        self.user_label.setText(_("User: {name}").format(name=user))
        self.pending_label.setText(
            _("Pending changes: {n}").format(n=format_number(status.pending_changes))
        )
        self.conflicts_label.setText(
            _("Open conflicts: {n}").format(n=format_number(status.open_conflicts))
        )
        self.conflicts_label.set_alert(status.open_conflicts > 0)
        self.quarantine_label.setText(
            _("Quarantined: {n}").format(n=format_number(status.quarantined))
        )
        self.quarantine_label.set_alert(status.quarantined > 0)
        self.last_sync_label.setText(last_sync_text(status.last_pull_at))
