"""What the shelter desk's dialogs share: Enter submits, Escape cancels, a message
line under the form for errors in the user's language, texts set by retranslate().

Buttons are never auto-default: Enter is handled here, once, so a line edit, a combo
box or a radio button all submit the same way (Qt passes their unused Enter up).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QWidget

from coldwave_app.domain.errors import ColdwaveError
from coldwave_app.i18n import _, translate_error
from coldwave_app.ui.widgets import Label, set_button_text

__all__ = ["DIALOG_STYLE", "DeskDialog"]

DIALOG_STYLE = """
QLabel#formMessage[error="true"] { color: #9a3412; font-weight: bold; }
QLabel#formMessage { color: #1f4e79; }
QLabel#sectionHeading { font-size: 13pt; font-weight: bold; }
QLabel#cardName { font-size: 16pt; font-weight: bold; }
QLabel#factName { color: #4a5560; }
QLabel#dialogTitle { font-size: 15pt; font-weight: bold; }
"""


class DeskDialog(QDialog):
    """Base of the desk's dialogs. Subclasses implement `submit()` and `retranslate()`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(DIALOG_STYLE)
        self.message = Label(parent=self)
        self.message.setObjectName("formMessage")
        self.message.setWordWrap(True)
        self.ok_button = QPushButton(self)
        self.cancel_button = QPushButton(self)
        for button in (self.ok_button, self.cancel_button):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.ok_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)

    def button_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.ok_button)
        return row

    def set_button_texts(self, ok: str) -> None:
        set_button_text(self.ok_button, ok)
        self.ok_button.setToolTip(_("{action} (Enter)").format(action=ok))
        set_button_text(self.cancel_button, _("Cancel"))
        self.cancel_button.setToolTip(_("{action} (Escape)").format(action=_("Cancel")))

    def show_error(self, err: ColdwaveError) -> None:
        self.show_message(translate_error(err), error=True)

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setProperty("error", error)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            self.submit()
            return
        super().keyPressEvent(event)

    def submit(self) -> None:
        raise NotImplementedError

    def retranslate(self) -> None:
        raise NotImplementedError
