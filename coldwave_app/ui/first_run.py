"""The first-run panel of a laptop without a campaign: create one, enrol, or load the demo.

Each way in is a short form (Enter submits, Escape cancels) whose errors are shown
on its message line; the demo is built off the UI thread with a progress bar.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coldwave_app.domain.errors import ColdwaveError
from coldwave_app.i18n import _, current_language, translate_error
from coldwave_app.services.campaign_setup import create_campaign
from coldwave_app.services.demo_campaign import build_demo_campaign
from coldwave_app.services.places import find_places
from coldwave_app.services.sync_service import enrol
from coldwave_app.ui.session import BackgroundJob, Session
from coldwave_app.ui.widgets import Label, day_edit

__all__ = ["CreateCampaignDialog", "EnrolDialog", "FirstRunPanel"]

_DEMO_TRACKS: Final = ("setup", "households", "shelter", "duplicates", "outreach", "cases")

_STYLE: Final = """
QFrame#firstRunPanel {
    background: palette(base);
    border: 1px solid palette(midlight);
    border-radius: 8px;
}
QLabel#formMessage { color: #9a3412; }
QLabel#formHeading { font-size: 15pt; font-weight: bold; }
"""


class _Form(QDialog):
    """A small window-modal form: fields, a message line for errors, OK / Cancel."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setStyleSheet(_STYLE)
        self.setMinimumWidth(520)
        self.heading = Label(parent=self)
        self.heading.setObjectName("formHeading")
        self.form = QFormLayout()
        self.form.setVerticalSpacing(10)
        self.message = Label(parent=self)
        self.message.setObjectName("formMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def submit(self) -> None:
        """Run the form's action; on an error say why and keep what was typed."""
        try:
            self.session.write(self.apply)
        except ColdwaveError as err:
            self.message.setText(translate_error(err))
            return
        self.accept()

    def apply(self, store: Any) -> None:
        raise NotImplementedError

    def set_title(self, title: str) -> None:
        self.setWindowTitle(title)
        self.heading.setText(title)


class CreateCampaignDialog(_Form):
    """Name, province (typed in either script, or its code) and start date."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.name_edit = QLineEdit(self)
        self.province_edit = QLineEdit(self)
        self.province_choice = QComboBox(self)
        self.start_edit = day_edit(self)
        self.start_edit.setDate(QDate.currentDate())
        self.name_label = Label(parent=self)
        self.province_label = Label(parent=self)
        self.choice_label = Label(parent=self)
        self.start_label = Label(parent=self)
        self.form.addRow(self.name_label, self.name_edit)
        self.form.addRow(self.province_label, self.province_edit)
        self.form.addRow(self.choice_label, self.province_choice)
        self.form.addRow(self.start_label, self.start_edit)
        self.province_edit.textEdited.connect(self._find_provinces)
        self.retranslate()
        self.name_edit.setFocus()

    def retranslate(self) -> None:
        self.set_title(_("Create a campaign"))
        self.name_label.setText(_("Campaign name"))
        self.province_label.setText(_("Find the province"))
        self.province_edit.setPlaceholderText(_("Name in Arabic or French, or code"))
        self.choice_label.setText(_("Province"))
        self.start_label.setText(_("Start date"))

    def _find_provinces(self, text: str) -> None:
        places = self.session.read(
            lambda store: find_places(store, text=text, level="province", limit=20)
        )
        self.province_choice.clear()
        lang = current_language()
        for place in places:
            name = place.name_ar if lang == "ar" else (place.name_fr or place.name_ar)
            self.province_choice.addItem(f"{name} ({place.code})", place.code)

    def apply(self, store: Any) -> None:
        code = self.province_choice.currentData() or self.province_edit.text().strip()
        start: dt.date = self.start_edit.date().toPython()  # type: ignore[assignment]
        create_campaign(
            store, name=self.name_edit.text(), province_code=str(code), period_start=start
        )


class EnrolDialog(_Form):
    """Server address and the one-time code the campaign's administrator gave."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.job: BackgroundJob | None = None
        self.server_edit = QLineEdit(self)
        self.server_edit.setPlaceholderText("https://")
        self.server_edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.code_edit = QLineEdit(self)
        self.code_edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.label_edit = QLineEdit(self)
        self.server_label = Label(parent=self)
        self.code_label = Label(parent=self)
        self.label_label = Label(parent=self)
        self.form.addRow(self.server_label, self.server_edit)
        self.form.addRow(self.code_label, self.code_edit)
        self.form.addRow(self.label_label, self.label_edit)
        self.retranslate()
        self.server_edit.setFocus()

    def retranslate(self) -> None:
        self.set_title(_("Enrol with a code"))
        self.server_label.setText(_("Server address"))
        self.code_label.setText(_("Enrolment code"))
        self.label_label.setText(_("Name of this laptop"))

    def submit(self) -> None:
        """Talk to the server off the UI thread; the form stays open until it answers."""
        if self.job is not None and not self.job.finished:
            return
        self.message.setText(_("Contacting the server…"))
        self.buttons.setEnabled(False)
        self.job = self.session.run(
            lambda store, _handle: self.apply(store),
            on_done=self._enrolled,
            on_error=self._refused,
            writes=True,
        )

    def _enrolled(self, _result: object) -> None:
        self.buttons.setEnabled(True)
        self.accept()

    def _refused(self, err: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(translate_error(err) if isinstance(err, ColdwaveError) else str(err))

    def apply(self, store: Any) -> None:
        enrol(
            store,
            server_url=self.server_edit.text().strip(),
            code=self.code_edit.text(),
            label=self.label_edit.text().strip(),
        )


class FirstRunPanel(QFrame):
    """Three ways to give this laptop a campaign. Emits `done` when one succeeded."""

    done = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.job: BackgroundJob | None = None
        self.setObjectName("firstRunPanel")
        self.setStyleSheet(_STYLE)
        self.intro = Label(parent=self)
        self.intro.setWordWrap(True)
        self.create_button = QPushButton(self)
        self.enrol_button = QPushButton(self)
        self.demo_button = QPushButton(self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, len(_DEMO_TRACKS))
        self.progress.hide()
        self.message = Label(parent=self)
        self.message.setObjectName("formMessage")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.setSpacing(12)
        for button in (self.create_button, self.enrol_button, self.demo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(12)
        layout.addWidget(self.intro)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        self.create_button.clicked.connect(self.open_create)
        self.enrol_button.clicked.connect(self.open_enrol)
        self.demo_button.clicked.connect(self.load_demo)
        self.retranslate()

    def retranslate(self) -> None:
        self.intro.setText(
            _(
                "This laptop holds no campaign yet. Create one, join your team's campaign "
                "with the code from the server, or look around in the demo campaign."
            )
        )
        self.create_button.setText(_("Create campaign"))
        self.enrol_button.setText(_("Enrol with a code"))
        self.demo_button.setText(_("Load the demo"))

    def open_create(self) -> CreateCampaignDialog:
        dialog = CreateCampaignDialog(self.session, self)
        dialog.accepted.connect(self.done)
        dialog.open()
        return dialog

    def open_enrol(self) -> EnrolDialog:
        dialog = EnrolDialog(self.session, self)
        dialog.accepted.connect(self.done)
        dialog.open()
        return dialog

    def load_demo(self) -> BackgroundJob:
        """Build the demo campaign off the UI thread (several seconds), with progress."""
        self.message.clear()
        self.progress.setValue(0)
        self.progress.show()
        for button in (self.create_button, self.enrol_button, self.demo_button):
            button.setEnabled(False)

        def job(store: Any, handle: BackgroundJob) -> object:
            def step(name: str) -> None:
                handle.check()
                index = _DEMO_TRACKS.index(name) if name in _DEMO_TRACKS else 0
                handle.report(index, len(_DEMO_TRACKS))

            return build_demo_campaign(store, progress=step)

        handle = self.session.run(
            job, on_done=self._demo_done, on_error=self._demo_failed, writes=True
        )
        handle.progress.connect(lambda done, _total: self.progress.setValue(done))
        self.job = handle
        return handle

    def _demo_done(self, _summary: object) -> None:
        self._idle()
        self.done.emit()

    def _demo_failed(self, err: BaseException) -> None:
        self._idle()
        text = translate_error(err) if isinstance(err, ColdwaveError) else str(err)
        self.message.setText(text)

    def _idle(self) -> None:
        self.progress.hide()
        for button in (self.create_button, self.enrol_button, self.demo_button):
            button.setEnabled(True)
