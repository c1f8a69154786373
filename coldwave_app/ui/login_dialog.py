"""The login window shown when the app starts on a data directory without a password given."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from coldwave_app.i18n import _
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.ui.login_form import LoginForm
from coldwave_app.ui.widgets import Label

__all__ = ["LoginDialog"]


class LoginDialog(QDialog):
    """Accepted once a user logged in; `store` is then theirs (the caller closes it)."""

    def __init__(
        self, data_dir: Path, *, user: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store: LocalStore | None = None
        self.setObjectName("loginDialog")
        self.setMinimumWidth(480)
        self.heading = Label(parent=self)
        self.heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.form = LoginForm(data_dir, self)
        if user:
            self.form.set_user(user)
        self.form.logged_in.connect(self._logged_in)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(16)
        layout.addWidget(self.heading)
        layout.addWidget(self.form)
        self.retranslate()
        self.form.focus_first_empty()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Log in — coldwave"))
        self.heading.setText(_("Log in to this laptop's records"))
        self.form.retranslate()

    def _logged_in(self, store: object) -> None:
        if isinstance(store, LocalStore):
            self.store = store
            self.accept()
