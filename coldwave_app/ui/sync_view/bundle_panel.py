"""Sync without a network: export this laptop's changes to a file, import the server's reply.

A USB stick carries the sealed bundle to the office and the reply back. Both steps
run off the UI thread with a busy bar; errors are said on the panel's message line.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coldwave_app.domain.errors import ColdwaveError
from coldwave_app.i18n import _, isolate_ltr, translate_error
from coldwave_app.i18n.formatting import format_number
from coldwave_app.services.bundle_service import BundleExport, export_bundle, import_reply
from coldwave_app.sync.engine import SyncSummary
from coldwave_app.ui.session import BackgroundJob, Session
from coldwave_app.ui.widgets import Label, set_action_text, set_button_text

__all__ = ["BundlePanel"]


class BundlePanel(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.job: BackgroundJob | None = None
        self.heading = Label(parent=self)
        self.heading.setObjectName("sectionHeading")
        self.hint = Label(parent=self)
        self.hint.setWordWrap(True)
        self.export_action = QAction(self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.export_action.triggered.connect(self.choose_export)
        self.import_action = QAction(self)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.import_action.triggered.connect(self.choose_import)
        self.export_button = QPushButton(self)
        self.export_button.clicked.connect(self.export_action.trigger)
        self.import_button = QPushButton(self)
        self.import_button.clicked.connect(self.import_action.trigger)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # one step each: a busy bar, not a fake percentage
        self.progress.hide()
        self.message = Label(parent=self)
        self.message.setWordWrap(True)
        self.message.setObjectName("bundleMessage")
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(_("Sync by file (USB stick)"))
        self.hint.setText(
            _("Without a network: export a bundle, take it to the office, then import the reply.")
        )
        set_action_text(self.export_action, _("Export a bundle…"))
        set_action_text(self.import_action, _("Import a reply…"))
        set_button_text(self.export_button, self.export_action.text())
        self.export_button.setToolTip(self.export_action.toolTip())
        set_button_text(self.import_button, self.import_action.text())
        self.import_button.setToolTip(self.import_action.toolTip())

    def choose_export(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export a bundle"), str(Path.home() / "coldwave.bundle"), "*.bundle"
        )
        if path:
            self.export_to(Path(path))

    def choose_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import a reply"), str(Path.home()), "*.bundle *.reply"
        )
        if path:
            self.import_from(Path(path))

    def export_to(self, path: Path) -> BackgroundJob:
        return self._start(lambda store, _h: export_bundle(store, path), self._exported, path)

    def import_from(self, path: Path) -> BackgroundJob:
        return self._start(lambda store, _h: import_reply(store, path), self._imported, path)

    def _start(self, job: object, on_done: object, path: Path) -> BackgroundJob:
        self.progress.show()
        self.message.setText(_("Working on {path}…").format(path=isolate_ltr(str(path))))
        for button in (self.export_button, self.import_button):
            button.setEnabled(False)
        self.job = self.session.run(job, on_done=on_done, on_error=self._failed, writes=True)  # type: ignore[arg-type]
        return self.job

    def _idle(self) -> None:
        self.progress.hide()
        for button in (self.export_button, self.import_button):
            button.setEnabled(True)

    def _exported(self, result: BundleExport) -> None:
        self._idle()
        self.message.setText(
            _("Bundle written with {n} changes. Take it to the office.").format(
                n=format_number(result.changes)
            )
        )

    def _imported(self, summary: SyncSummary) -> None:
        self._idle()
        self.message.setText(
            _("Reply imported: {received} received, {conflicts} conflicts.").format(
                received=format_number(summary.applied), conflicts=format_number(summary.conflicts)
            )
        )

    def _failed(self, err: BaseException) -> None:
        self._idle()
        self.message.setText(translate_error(err) if isinstance(err, ColdwaveError) else str(err))
