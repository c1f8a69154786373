"""Small widgets shared by the screens."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QLocale, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QDateEdit, QDialog, QDialogButtonBox, QLabel, QWidget

__all__ = [
    "Label",
    "day_edit",
    "ok_cancel_buttons",
    "screen_action",
    "set_action_text",
    "set_button_text",
]


def _with_keys(text: str, keys: QKeySequence) -> str:
    native = keys.toString(QKeySequence.SequenceFormat.NativeText)
    plain = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    # The shortcut is Latin letters and digits: isolate it so Arabic text does not reorder it.
    return f"{plain} (\u2066{native}\u2069)" if native else plain


def day_edit(parent: QWidget | None = None) -> QDateEdit:
    """A date field showing 25/11/2026 in both languages, with a calendar popup.

    Digits and slashes read left to right in Arabic too (never 2026/11/25): the
    direction must be set before the format, which Qt reverses in a right-to-left
    widget. A French locale keeps Western digits (Moroccan usage); it also goes
    first, since setLocale() replaces the display format with the locale's own.
    """
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    edit.setLocale(QLocale(QLocale.Language.French, QLocale.Country.Morocco))
    edit.setDisplayFormat("dd/MM/yyyy")
    return edit


def screen_action(
    owner: QWidget,
    keys: str | QKeySequence | QKeySequence.StandardKey,
    slot: Callable[..., object] | None = None,
) -> QAction:
    """An action with a shortcut that works while focus is in `owner` or its children.

    Screens live side by side in the main window's stack: a window-wide shortcut
    would fire on a hidden screen, so every screen's keys are scoped to the screen.
    """
    action = QAction(owner)
    action.setShortcut(QKeySequence(keys))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    if slot is not None:
        action.triggered.connect(slot)
    owner.addAction(action)
    return action


def ok_cancel_buttons(dialog: QDialog) -> QDialogButtonBox:
    """OK and Cancel wired to the dialog's accept() and reject() (Enter and Escape)."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def set_action_text(action: QAction, text: str) -> None:
    """Set an action's (translated) text, and a tooltip naming its shortcut.

    Every frequent action shows its shortcut in the menu (Qt does that) and in its
    tooltip (this does), so people learn the keys by using the mouse.
    """
    action.setText(text)
    action.setToolTip(_with_keys(text, action.shortcut()))


def set_button_text(button: QAbstractButton, text: str) -> None:
    """The same for a push button that has a shortcut of its own."""
    button.setText(text)
    button.setToolTip(_with_keys(text, button.shortcut()))


class Label(QLabel):
    """A QLabel that starts at the UI's leading edge, whatever the direction of its text.

    A plain QLabel aligns by the direction of its own text: in the Arabic UI a number
    or a Latin campaign name would sit on the left while everything else is on the
    right. This one aligns by the layout direction (right in Arabic, left in French)
    and follows a language switch.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._align_to_layout()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.LayoutDirectionChange, QEvent.Type.ParentChange):
            self._align_to_layout()
        super().changeEvent(event)

    def _align_to_layout(self) -> None:
        vertical = self.alignment() & Qt.AlignmentFlag.AlignVertical_Mask
        horizontal = (
            Qt.AlignmentFlag.AlignRight
            if self.layoutDirection() == Qt.LayoutDirection.RightToLeft
            else Qt.AlignmentFlag.AlignLeft
        )
        self.setAlignment(horizontal | Qt.AlignmentFlag.AlignAbsolute | vertical)
