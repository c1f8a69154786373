"""The preview of a generated report: its pages one under the other, scrollable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QLayout, QScrollArea, QVBoxLayout, QWidget

from coldwave_app.ui.widgets import Label

__all__ = ["PdfPreview"]


class PdfPreview(QScrollArea):
    """Shows page images centred on a grey desk, like a print preview."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self.setWidgetResizable(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # arrows and Page Up/Down scroll
        self._desk = QWidget(self)
        self._desk.setObjectName("previewDesk")
        self._desk.setStyleSheet("QWidget#previewDesk { background: #d9dde1; }")
        self._layout = QVBoxLayout(self._desk)
        self._layout.setContentsMargins(16, 16, 16, 16)
        self._layout.setSpacing(16)
        # The desk grows with its pages; without this the pages overlap in a short desk.
        self._layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.placeholder = Label(parent=self._desk)
        self.placeholder.setWordWrap(True)
        self._layout.addWidget(self.placeholder)
        self.setWidget(self._desk)
        self.page_labels: list[QLabel] = []

    def show_message(self, text: str) -> None:
        """No pages: a sentence instead (nothing generated yet, or what went wrong)."""
        self.clear()
        self.placeholder.setText(text)
        self.placeholder.show()

    def show_pages(self, images: list[QImage]) -> None:
        self.clear()
        self.placeholder.hide()
        for image in images:
            label = QLabel(self._desk)
            label.setPixmap(QPixmap.fromImage(image))
            label.setFixedSize(image.size())  # a page keeps its proportions; the desk scrolls
            label.setStyleSheet("border: 1px solid #9aa3ab; background: white;")
            self._layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.page_labels.append(label)

    def clear(self) -> None:
        for label in self.page_labels:
            self._layout.removeWidget(label)
            label.deleteLater()
        self.page_labels = []
