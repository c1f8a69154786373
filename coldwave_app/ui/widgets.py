"""Small widgets shared by the screens."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QWidget

__all__ = ["Label"]


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
