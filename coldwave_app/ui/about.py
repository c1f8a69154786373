"""Help → About coldwave: version, and where the data and the font come from."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QVBoxLayout,
    QWidget,
)

import coldwave_app
from coldwave_app.i18n import _, isolate_ltr
from coldwave_app.services.about import FONT_ATTRIBUTION, GEO_ATTRIBUTION
from coldwave_app.ui.widgets import Label

__all__ = ["ABOUT_WIDTH", "AboutDialog", "about_text"]

ABOUT_WIDTH: Final = 620
"""Fixed width of the dialog in pixels; its height follows the text."""


def about_text() -> str:
    """Everything the About box says, as plain text in the current language."""
    return "\n\n".join(
        [
            "coldwave",
            _summary(),
            _version(),
            _("Data sources"),
            GEO_ATTRIBUTION,
            FONT_ATTRIBUTION,
        ]
    )


def _summary() -> str:
    return _(
        "Offline-first records for Morocco's winter cold-wave campaigns: "
        "shelters, distributions, outreach and follow-up."
    )


def _version() -> str:
    return _("Version {version}").format(version=isolate_ltr(coldwave_app.__version__))


class AboutDialog(QDialog):
    """A small dialog rather than a QMessageBox, so that it can switch language while open."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setFixedWidth(ABOUT_WIDTH)

        self._title = Label("coldwave", self)
        self._title.setObjectName("aboutTitle")
        title_font = self._title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.6)
        title_font.setBold(True)
        self._title.setFont(title_font)

        self._summary = Label(parent=self)
        self._summary.setWordWrap(True)
        self._version = Label(parent=self)
        self._version.setObjectName("aboutVersion")

        self._sources_heading = Label(parent=self)
        heading_font = self._sources_heading.font()
        heading_font.setBold(True)
        self._sources_heading.setFont(heading_font)

        # The attributions are legal text, kept word for word (English with French
        # titles): always left to right, whatever the language of the UI.
        self._geo = self._attribution_label(GEO_ATTRIBUTION)
        self._font = self._attribution_label(FONT_ATTRIBUTION)

        self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self._buttons.rejected.connect(self.reject)

        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(self._title)
        layout.addWidget(self._summary)
        layout.addWidget(self._version)
        layout.addSpacing(6)
        layout.addWidget(self._sources_heading)
        layout.addWidget(self._geo)
        layout.addWidget(self._font)
        layout.addSpacing(6)
        layout.addWidget(self._buttons)

        self.retranslate()

    def _attribution_label(self, text: str) -> Label:
        label = Label(text, self)
        label.setWordWrap(True)
        label.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setObjectName("attribution")
        return label

    def retranslate(self) -> None:
        self.setWindowTitle(_("About coldwave"))
        self._summary.setText(_summary())
        self._version.setText(_version())
        self._sources_heading.setText(_("Data sources"))
        self._fit_height()

    def showEvent(self, event: QShowEvent) -> None:
        self._fit_height()
        super().showEvent(event)

    def _fit_height(self) -> None:
        # Word-wrapped labels: a top-level's adjustSize() guesses their width and
        # cuts the long attribution short; ask the layout for the fixed width instead.
        self._layout.activate()
        self.setFixedHeight(self._layout.totalHeightForWidth(ABOUT_WIDTH))

    def text(self) -> str:
        """The texts shown, top to bottom (for tests and for copying)."""
        labels = (
            self._title,
            self._summary,
            self._version,
            self._sources_heading,
            self._geo,
            self._font,
        )
        return "\n\n".join(label.text() for label in labels)
