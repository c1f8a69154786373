"""What every section (tab) of the case file shares: the case it shows, its header,
and a titled form with Enter to submit and a message line."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from coldwave_app.services.case_desk import CaseHeader
from coldwave_app.ui.cases.form_parts import MessageLine, on_enter
from coldwave_app.ui.session import Session

__all__ = ["CaseSection", "SectionForm"]


class SectionForm(QGroupBox):
    """A titled form: rows, a submit button and a message line; Enter submits."""

    def __init__(self, submit: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = QFormLayout()
        self.button = QPushButton(self)
        self.button.setAutoDefault(True)
        self.button.clicked.connect(submit)
        self.message = MessageLine(self)
        layout = QVBoxLayout(self)
        layout.addLayout(self.rows)
        layout.addWidget(self.message)
        layout.addWidget(self.button)
        self.submit_action = on_enter(self, submit)


class CaseSection(QWidget):
    """A tab of the case file. Subclasses fill `reload()` and `retranslate()`."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.case_id: str | None = None
        self.header: CaseHeader | None = None

    @property
    def closed(self) -> bool:
        return self.header is not None and self.header.row.status == "closed"

    def show_case(self, case_id: str, header: CaseHeader) -> None:
        self.case_id = case_id
        self.header = header
        self.reload()

    def reload(self) -> None:
        raise NotImplementedError

    def retranslate(self) -> None:
        raise NotImplementedError

    def two_columns(self, shown: list[QWidget], forms: list[QWidget]) -> None:
        """What the case holds at the leading side, the forms beside it (a laptop
        screen is wider than tall)."""
        left = QVBoxLayout()
        for w in shown:
            left.addWidget(w, 1 if w.inherits("QAbstractItemView") else 0)
        # The forms scroll rather than push the window taller than an old laptop's screen.
        column = QWidget(self)
        right = QVBoxLayout(column)
        right.setContentsMargins(0, 0, 0, 0)
        for w in forms:
            right.addWidget(w)
        right.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(column)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QHBoxLayout(self)
        layout.setSpacing(16)
        layout.addLayout(left, 3)
        layout.addWidget(scroll, 2)

    def first_field(self) -> QWidget | None:
        """Where the cursor goes when the section is chosen from the keyboard."""
        return None
