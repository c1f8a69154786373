"""The first window on a new laptop: create its first user, who becomes its administrator.

After it, the home screen's first-run panel offers the rest (create a campaign, enrol
with a code, load the demo), so nobody needs the manual or the command line. The
creation (key derivation and 40,244 places, about a second) runs off the UI thread.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Final

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from coldwave_app.domain.errors import ColdwaveError
from coldwave_app.i18n import _, translate_error
from coldwave_app.services.laptop_setup import create_laptop
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.ui.widgets import Label, ok_cancel_buttons

__all__ = ["FirstUserDialog"]

_POLL_MS: Final = 50


class FirstUserDialog(QDialog):
    """Enter creates the user (all fields reachable with Tab); Escape leaves."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.store: LocalStore | None = None
        self._executor = ThreadPoolExecutor(max_workers=1)
        self._future: Future[LocalStore] | None = None
        self.setObjectName("firstUserDialog")
        self.setMinimumWidth(560)
        self.heading = Label(parent=self)
        self.heading.setObjectName("sectionHeading")
        heading_font = self.heading.font()
        heading_font.setBold(True)
        heading_font.setPointSize(heading_font.pointSize() + 3)
        self.heading.setFont(heading_font)
        self.intro = Label(parent=self)
        self.intro.setWordWrap(True)
        self.user_edit = QLineEdit(self)
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit = QLineEdit(self)
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.labels = [Label(parent=self) for _ in range(3)]
        form = QFormLayout()
        for label, field in zip(
            self.labels, (self.user_edit, self.password_edit, self.repeat_edit), strict=True
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        self.message = Label(parent=self)
        self.message.setObjectName("firstUserMessage")
        self.message.setWordWrap(True)
        self.buttons = ok_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._poll = QTimer(self)
        self._poll.setInterval(_POLL_MS)
        self._poll.timeout.connect(self._check_done)
        self.retranslate()
        self.user_edit.setFocus()

    @property
    def busy(self) -> bool:
        return self._future is not None

    def accept(self) -> None:
        """Create the laptop in the background; the dialog closes when it is ready."""
        if self._future is not None:
            return
        user, password, repeated = (
            self.user_edit.text(),
            self.password_edit.text(),
            self.repeat_edit.text(),
        )
        self.message.setText(_("Creating the encrypted data of this laptop…"))
        self.buttons.setEnabled(False)
        self._future = self._executor.submit(
            create_laptop, self.data_dir, admin=user, password=password, repeated=repeated
        )
        self._poll.start()

    def _check_done(self) -> None:
        future = self._future
        if future is None or not future.done():
            return
        self._poll.stop()
        self._future = None
        self.buttons.setEnabled(True)
        error = future.exception()
        if error is None:
            self.store = future.result()
            super().accept()
            return
        # What was typed stays; the password fields are cleared only on success.
        if isinstance(error, ColdwaveError):
            self.message.setText(translate_error(error))
        else:
            self.message.setText(_("The laptop could not be set up: {reason}").format(reason=error))

    def done(self, result: int) -> None:
        self._executor.shutdown(wait=False)
        super().done(result)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Welcome to coldwave"))
        self.heading.setText(_("Welcome to coldwave"))
        self.intro.setText(
            _(
                "This laptop holds no data yet. Create its first user: they will be its "
                "administrator and can add the others. Everything is encrypted with this "
                "password; keep it safe."
            )
        )
        for label, text in zip(
            self.labels, (_("User name"), _("Password"), _("Password again")), strict=True
        ):
            label.setText(text)
