"""The lock screen: shown over the app after idle time or on Ctrl+Shift+L.

No personal data is visible behind it (the screens are hidden, not covered). The
same form unlocks for the current user or logs another user of the laptop in.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from coldwave_app.i18n import _
from coldwave_app.ui.login_form import LoginForm
from coldwave_app.ui.widgets import Label

__all__ = ["LockScreen"]

_STYLE = """
QFrame#lockCard { background: palette(base); border: 1px solid palette(midlight);
                  border-radius: 10px; }
QLabel#lockHeading { font-size: 18pt; font-weight: bold; }
QLabel#lockHint { color: #4a5560; }
"""


class LockScreen(QWidget):
    """Emits `unlocked(LocalStore)` with the store of whoever logged in."""

    unlocked = Signal(object)

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.setStyleSheet(_STYLE)
        self.switching = False
        card = QFrame(self)
        card.setObjectName("lockCard")
        card.setMinimumWidth(520)
        card.setMaximumWidth(640)
        self.heading = Label(parent=card)
        self.heading.setObjectName("lockHeading")
        self.hint = Label(parent=card)
        self.hint.setObjectName("lockHint")
        self.hint.setWordWrap(True)
        self.form = LoginForm(data_dir, card)
        self.form.logged_in.connect(self.unlocked)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.setSpacing(14)
        inner.addWidget(self.heading)
        inner.addWidget(self.hint)
        inner.addWidget(self.form)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.setFocusProxy(self.form.password_edit)
        self.retranslate()

    def prepare(self, username: str, *, switching: bool) -> None:
        """Before showing: the current user's name filled in (or cleared to switch user)."""
        self.switching = switching
        self.form.set_user("" if switching else username)
        self.form.password_edit.clear()
        self.form.message.clear()
        self.retranslate()

    def focus_form(self) -> None:
        self.form.focus_first_empty()

    def retranslate(self) -> None:
        if self.switching:
            self.heading.setText(_("Switch user"))
            self.hint.setText(_("The screen is locked. Another user of this laptop can log in."))
        else:
            self.heading.setText(_("coldwave is locked"))
            self.hint.setText(_("Locked to protect personal data. Type your password to continue."))
        self.heading.setAlignment(self.heading.alignment() | Qt.AlignmentFlag.AlignVCenter)
        self.form.retranslate()
