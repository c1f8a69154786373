"""The sync screen: where this laptop syncs to, what waits, and sync now with progress and cancel.

The sync runs in the main window's BackgroundSync (one attempt at a time, off the
UI thread); this page starts it, shows its progress per stage and can cancel it
between two batches, which loses nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from coldwave_app.domain.errors import N_, ColdwaveError
from coldwave_app.i18n import _, translate_error
from coldwave_app.i18n.formatting import format_number
from coldwave_app.services.sync_status import SyncStatus, list_quarantined, sync_status
from coldwave_app.ui.background_sync import BackgroundSync, SyncOutcome
from coldwave_app.ui.session import Session
from coldwave_app.ui.sync_view.bundle_panel import BundlePanel
from coldwave_app.ui.sync_view.link import background_sync_for
from coldwave_app.ui.sync_view.quarantine_list import PAGE, QuarantineList
from coldwave_app.ui.sync_view.status_texts import offline_text, sync_outcome_text, when_text
from coldwave_app.ui.widgets import Label, screen_action, set_action_text, set_button_text

__all__ = ["SyncPage"]

_STYLE: Final = """
QLabel#pageTitle { font-size: 18pt; font-weight: bold; }
QLabel#sectionHeading { font-size: 13pt; font-weight: bold; }
QLabel#syncMessage { font-size: 12pt; }
"""


class SyncPage(QWidget):
    """Keys: Ctrl+Return sync now, Escape cancel the running sync, Ctrl+E / Ctrl+I bundles."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.status: SyncStatus | None = None
        self._stage: tuple[str, int] | None = None
        self.setStyleSheet(_STYLE)

        self.sync_action = self._action("Ctrl+Return", self.sync_now)
        self.cancel_action = self._action("Escape", self.cancel)

        self.title = Label(parent=self)
        self.title.setObjectName("pageTitle")
        self.server_label = Label(parent=self)
        self.server_edit = QLineEdit(self)
        self.server_edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.figure_labels = {key: (Label(parent=self), Label(parent=self)) for key in _FIGURES}
        form = QFormLayout()
        form.setVerticalSpacing(8)
        form.addRow(self.server_label, self.server_edit)
        for caption, value in self.figure_labels.values():
            form.addRow(caption, value)

        self.sync_button = QPushButton(self)
        self.sync_button.clicked.connect(self.sync_action.trigger)
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self.cancel_action.trigger)
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(True)
        self.progress.hide()
        row = QHBoxLayout()
        row.addWidget(self.sync_button)
        row.addWidget(self.cancel_button)
        row.addWidget(self.progress, 3)
        row.addStretch(1)  # the buttons keep their size while the bar is hidden
        self.message = Label(parent=self)
        self.message.setObjectName("syncMessage")
        self.message.setWordWrap(True)

        self.bundles = BundlePanel(session, self)
        self.quarantine = QuarantineList(self)

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addSpacing(12)
        layout.addWidget(self.bundles)
        layout.addSpacing(12)
        layout.addWidget(self.quarantine)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.background: BackgroundSync | None = None
        self._connect_background()
        session.changed.connect(self.refresh)
        self.retranslate()
        self.refresh()

    def _action(self, keys: str, slot: Callable[..., object]) -> QAction:
        return screen_action(self, keys, slot)

    def _connect_background(self) -> None:
        background = background_sync_for(self.session)
        if background is self.background:
            return
        self.background = background
        if background is not None:
            background.started.connect(self._started)
            background.progress.connect(self._progress)
            background.done.connect(self._done)

    # -- behaviour ----------------------------------------------------------------

    def sync_now(self) -> None:
        """Start a sync at once (or one more after the running one)."""
        self._connect_background()
        if self.background is None:
            return
        typed = self.server_edit.text().strip()
        if typed and self.status is not None and typed != self.status.server_url:
            self.background.set_server_url(typed)
        self.background.sync_now()

    def cancel(self) -> None:
        """Stop after the current batch: what was sent or received stays."""
        if self.background is not None and self.background.busy:
            self.background.cancel()
            self.message.setText(_("Stopping after the current batch…"))

    def _started(self) -> None:
        self._stage = None
        self.progress.show()
        self.progress.setFormat(_("Connecting…"))
        self.sync_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.message.setText(_("Syncing with the server…"))

    def _progress(self, stage: str, done: int) -> None:
        self._stage = (stage, done)
        self._show_stage()

    def _show_stage(self) -> None:
        if self._stage is None:
            return
        stage, done = self._stage
        text = _("Sent: {n}") if stage == "push" else _("Received: {n}")
        self.progress.setFormat(text.format(n=format_number(done)))

    def _done(self, outcome: SyncOutcome) -> None:
        self.progress.hide()
        self.sync_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.refresh()
        self._show_outcome(outcome)

    def _show_outcome(self, outcome: SyncOutcome | None) -> None:
        if outcome is None:
            self.message.clear()
        elif outcome.unreachable and self.status is not None:
            self.message.setText(offline_text(self.status.pending_changes))
        else:
            self.message.setText(sync_outcome_text(outcome))

    def refresh(self) -> None:
        self._connect_background()
        try:
            self.status = self.session.read(sync_status)
            rows = self.session.read(lambda store: list_quarantined(store, limit=PAGE))
        except ColdwaveError as err:
            self.message.setText(translate_error(err))
            return
        self.quarantine.show_rows(rows, self.status.quarantined)
        self._show_status()

    def retranslate(self) -> None:
        self.title.setText(_("Sync with the server"))
        self.server_label.setText(_("Server address"))
        set_action_text(self.sync_action, _("Sync now"))
        set_action_text(self.cancel_action, _("Cancel"))
        set_button_text(self.sync_button, self.sync_action.text())
        self.sync_button.setToolTip(self.sync_action.toolTip())
        set_button_text(self.cancel_button, self.cancel_action.text())
        self.cancel_button.setToolTip(self.cancel_action.toolTip())
        for key, (caption, _value) in self.figure_labels.items():
            caption.setText(_(_FIGURES[key]))
        self.bundles.retranslate()
        self.quarantine.retranslate()
        self._show_status()
        self._show_stage()
        if self.background is not None and not self.background.busy:
            self._show_outcome(self.background.last_outcome)

    def _show_status(self) -> None:
        status = self.status
        if status is None:
            return
        never = _("never")
        values = {
            "pending": format_number(status.pending_changes),
            "conflicts": format_number(status.open_conflicts),
            "quarantined": format_number(status.quarantined),
            "last_push": when_text(status.last_push_at) or never,
            "last_pull": when_text(status.last_pull_at) or never,
        }
        for key, (_caption, value) in self.figure_labels.items():
            value.setText(values[key])
        if not self.server_edit.hasFocus():
            self.server_edit.setText(status.server_url or "")
        can_sync = status.enrolled and self.background is not None
        self.sync_button.setEnabled(can_sync and not (self.background and self.background.busy))
        self.sync_action.setEnabled(can_sync)
        self.server_edit.setEnabled(status.enrolled)
        if not status.enrolled:
            self.message.setText(
                _(
                    "This laptop is not enrolled with a server: everything stays here. "
                    "Enrol it from the home screen with the code your administrator gives you."
                )
            )


_FIGURES: Final = {
    "pending": N_("Changes waiting to be sent"),
    "conflicts": N_("Open conflicts"),
    "quarantined": N_("Quarantined changes"),
    "last_push": N_("Last sent"),
    "last_pull": N_("Last received"),
}
