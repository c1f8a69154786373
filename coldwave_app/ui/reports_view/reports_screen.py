"""Reports and exports from the desktop: choose, set the options, preview, save.

Generating runs off the UI thread (a season's sitrep takes seconds) with a Cancel
button; the file is written to a scratch directory and only copied where the user
says with "Save as" (Ctrl+S), so a half-written report never lands in their folder.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coldwave_app.domain.errors import ColdwaveError
from coldwave_app.i18n import _, translate_error
from coldwave_app.i18n.formatting import format_decimal, format_number
from coldwave_app.reports.table import AggregateTable
from coldwave_app.ui.reports_view.pdf_pages import page_images
from coldwave_app.ui.reports_view.pdf_preview import PdfPreview
from coldwave_app.ui.reports_view.report_forms import FORMS, Generated, ReportForm
from coldwave_app.ui.session import BackgroundJob, Session
from coldwave_app.ui.widgets import Label, screen_action, set_action_text

__all__ = ["ReportsScreen"]


class ReportsScreen(QWidget):
    """Keys: Ctrl+Enter generate, Ctrl+S save as, Escape cancel a generation."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("reportsScreen")
        self._scratch = tempfile.TemporaryDirectory(prefix="coldwave-report-")
        self._job: BackgroundJob | None = None
        self.generated: Generated | None = None
        self._loaded: set[int] = set()

        self.kinds = QListWidget(self)
        self.kinds.setObjectName("reportKinds")
        self.kinds.setMaximumWidth(300)
        self.kinds.setWordWrap(True)
        self.kinds.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.forms: list[ReportForm] = []
        self.form_stack = QStackedWidget(self)
        for form_class in FORMS:
            form = form_class(self.form_stack)
            self.forms.append(form)
            self.form_stack.addWidget(form)
            self.kinds.addItem("")
        self.kinds.currentRowChanged.connect(self._choose)

        self.generate_action = self._action(QKeySequence("Ctrl+Return"), self.generate)
        self.cancel_action = self._action(QKeySequence(Qt.Key.Key_Escape), self.cancel)
        self.cancel_action.setEnabled(False)
        self.save_action = self._action(QKeySequence.StandardKey.Save, lambda: self.save_as())
        self.save_action.setEnabled(False)
        self.generate_button = QPushButton(self)
        self.generate_button.setObjectName("generateButton")
        self.generate_button.clicked.connect(self.generate_action.trigger)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.clicked.connect(self.cancel_action.trigger)
        self.cancel_button.setEnabled(False)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("saveButton")
        self.save_button.clicked.connect(lambda: self.save_as())
        self.save_button.setEnabled(False)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy: the report functions do not count their steps
        self.progress.hide()
        self.message = Label(parent=self)
        self.message.setObjectName("reportMessage")
        self.message.setWordWrap(True)

        self.preview = PdfPreview(self)
        self.table_view = QTableWidget(self)
        self.table_view.setObjectName("exportPreview")
        self.table_view.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.result_stack = QStackedWidget(self)
        self.result_stack.addWidget(self.preview)
        self.result_stack.addWidget(self.table_view)

        buttons = QHBoxLayout()
        buttons.addWidget(self.generate_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.kinds, 1)
        options = QWidget(self)
        options_layout = QVBoxLayout(options)
        options_layout.setContentsMargins(0, 0, 0, 0)
        options_layout.addWidget(self.form_stack)
        options_layout.addLayout(buttons)
        options_layout.addWidget(self.progress)
        options_layout.addWidget(self.message)
        options_layout.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(left)
        top.addWidget(options, 1)
        upper = QWidget(self)
        upper.setLayout(top)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(upper)
        splitter.addWidget(self.result_stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 540])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(splitter)

        session.changed.connect(self._forget_loaded)
        self.retranslate()
        self.kinds.setCurrentRow(0)

    def _action(
        self, keys: QKeySequence | QKeySequence.StandardKey, slot: Callable[..., object]
    ) -> QAction:
        return screen_action(self, keys, slot)

    # -- behaviour -------------------------------------------------------------

    @property
    def current_form(self) -> ReportForm:
        return self.forms[self.kinds.currentRow()]

    def refresh(self) -> None:
        """Re-read the pickers of the form on screen (douars, shelters, referrals)."""
        row = self.kinds.currentRow()
        if row < 0:
            return
        try:
            self.session.read(self.forms[row].load)
        except ColdwaveError as err:
            self.message.setText(translate_error(err))
            return
        self._loaded.add(row)

    def _forget_loaded(self) -> None:
        self._loaded.clear()

    def _choose(self, row: int) -> None:
        self.form_stack.setCurrentIndex(row)
        if row not in self._loaded:
            self.refresh()

    def generate(self, _checked: bool = False) -> BackgroundJob | None:
        """Write the chosen report in the background; the preview follows."""
        if self._job is not None:
            return None
        try:
            job = self.current_form.job(Path(self._scratch.name))
        except ColdwaveError as err:
            self.message.setText(translate_error(err))
            return None
        self.message.setText(_("Preparing the report…"))
        self._busy(True)
        self._job = self.session.run(job, on_done=self._show, on_error=self._failed)
        self._job.cancelled.connect(self._cancelled)
        return self._job

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.generate_button.setEnabled(not busy)
        self.generate_action.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        self.cancel_action.setEnabled(busy)

    def _show(self, generated: Generated) -> None:
        self._job = None
        self._busy(False)
        self.generated = generated
        self.save_button.setEnabled(True)
        self.save_action.setEnabled(True)
        if generated.table is not None:
            self._show_table(generated.table)
            self.result_stack.setCurrentWidget(self.table_view)
            self.message.setText("\n".join(generated.statement))
        else:
            self.preview.show_pages(page_images(generated.bitmaps))
            self.result_stack.setCurrentWidget(self.preview)
            self.message.setText(
                _("{pages} pages ready. Save them with Ctrl+S.").format(
                    pages=format_number(generated.pages)
                )
            )

    def _show_table(self, table: AggregateTable) -> None:
        self.table_view.clear()
        self.table_view.setColumnCount(len(table.columns))
        self.table_view.setRowCount(len(table.rows))
        self.table_view.setHorizontalHeaderLabels([_(c.label) for c in table.columns])
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row):
                if cell is None:
                    text = "—"
                elif isinstance(cell, float):
                    text = format_decimal(cell)
                elif isinstance(cell, int):
                    text = format_number(cell)
                else:
                    text = str(cell)
                self.table_view.setItem(r, c, QTableWidgetItem(text))
        self.table_view.resizeColumnsToContents()

    def _failed(self, error: BaseException) -> None:
        self._job = None
        self._busy(False)
        if isinstance(error, ColdwaveError):
            self.message.setText(translate_error(error))
        else:
            self.message.setText(_("The report could not be made: {reason}").format(reason=error))

    def _cancelled(self) -> None:
        self._job = None
        self._busy(False)
        self.message.setText(_("Cancelled. Nothing was saved."))

    def save_as(self, target: Path | None = None) -> Path | None:
        """Copy the generated file where the user chooses (Ctrl+S); returns the path."""
        if self.generated is None:
            return None
        if target is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self, _("Save as"), str(Path.home() / self.generated.suggested_name)
            )
            if not chosen:
                return None
            target = Path(chosen)
        try:
            shutil.copyfile(self.generated.path, target)
            # A CSV's statement of suppression lives beside it (reports.exports).
            sidecar = self.generated.path.with_suffix(".about.txt")
            if sidecar.exists():
                shutil.copyfile(sidecar, target.with_suffix(".about.txt"))
        except OSError as err:
            self.message.setText(
                _("Could not save to {path}: {reason}").format(path=target, reason=err.strerror)
            )
            return None
        self.message.setText(_("Saved to {path}").format(path=target))
        return target

    def retranslate(self) -> None:
        for row, form in enumerate(self.forms):
            item = self.kinds.item(row)
            if item is not None:
                item.setText(_(form.title_id))
            form.retranslate()
        for action, button, text in (
            (self.generate_action, self.generate_button, _("Generate")),
            (self.cancel_action, self.cancel_button, _("Cancel")),
            (self.save_action, self.save_button, _("Save as…")),
        ):
            set_action_text(action, text)
            button.setText(text)
            button.setToolTip(action.toolTip())
        if self.generated is None and self._job is None:
            self.preview.show_message(
                _("Choose a report, set its options and press Generate (Ctrl+Enter).")
            )
