"""The user + password form shared by the login dialog and the lock screen.

Unwrapping the key takes argon2id time on purpose, so it runs on a pool thread and
the form shows "Checking…" meanwhile; errors appear under the password, calmly,
and what was typed in the user field stays.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from coldwave_app.domain.errors import ColdwaveError
from coldwave_app.i18n import _, translate_error
from coldwave_app.services.laptop_login import laptop_users, log_in
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.ui.widgets import Label, set_button_text

__all__ = ["LoginForm"]


class _Relay(QObject):
    finished = Signal(object)  # a LocalStore or the ColdwaveError raised


class _Unlock(QRunnable):
    def __init__(self, relay: _Relay, data_dir: Path, username: str, password: str) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._relay = relay
        self._args = (data_dir, username, password)

    def run(self) -> None:
        data_dir, username, password = self._args
        try:
            result: object = log_in(data_dir, username=username, password=password)
        except ColdwaveError as err:
            result = err
        except Exception as err:  # a damaged file, say: shown, never a crash
            result = ColdwaveError(str(err) or type(err).__name__)
        self._relay.finished.emit(result)


class LoginForm(QWidget):
    """Emits `logged_in(LocalStore)`; the receiver owns (and closes) that store."""

    logged_in = Signal(object)

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.busy = False
        self._relay = _Relay(self)
        self._relay.finished.connect(self._finished)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)

        self.user_edit = QComboBox(self)
        self.user_edit.setEditable(True)
        self.user_edit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.user_edit.addItems(laptop_users(data_dir))
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.returnPressed.connect(self.submit)
        self.message = Label(parent=self)
        self.message.setObjectName("loginMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #9a3412;")
        self.submit_button = QPushButton(self)
        self.submit_button.setDefault(True)
        self.submit_button.setAutoDefault(True)
        self.submit_button.clicked.connect(self.submit)
        self.user_label = Label(parent=self)
        self.password_label = Label(parent=self)

        form = QFormLayout()
        form.setVerticalSpacing(10)
        form.addRow(self.user_label, self.user_edit)
        form.addRow(self.password_label, self.password_edit)
        form.addRow("", self.message)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.submit_button, 0, Qt.AlignmentFlag.AlignTrailing)
        self.setTabOrder(self.user_edit, self.password_edit)
        self.setTabOrder(self.password_edit, self.submit_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.user_label.setText(_("User"))
        self.password_label.setText(_("Password"))
        set_button_text(self.submit_button, _("Log in"))

    def set_user(self, username: str) -> None:
        self.user_edit.setCurrentText(username)

    def focus_first_empty(self) -> None:
        target = self.password_edit if self.user_edit.currentText() else self.user_edit
        target.setFocus()

    def submit(self) -> None:
        """Check the password off the UI thread; `logged_in` or a message follows."""
        if self.busy:
            return
        self.busy = True
        self.submit_button.setEnabled(False)
        self.message.setText(_("Checking…"))
        task = _Unlock(
            self._relay, self.data_dir, self.user_edit.currentText(), self.password_edit.text()
        )
        self._pool.start(task)

    def wait(self, timeout_ms: int = 30_000) -> bool:
        return self._pool.waitForDone(timeout_ms)

    def _finished(self, result: object) -> None:
        self.busy = False
        self.submit_button.setEnabled(True)
        self.password_edit.clear()
        if isinstance(result, LocalStore):
            self.message.clear()
            self.logged_in.emit(result)
            return
        text = translate_error(result) if isinstance(result, ColdwaveError) else str(result)
        self.message.setText(text)
        self.password_edit.setFocus()
