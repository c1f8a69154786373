"""The "Cases" screen: the case list (with the due list) and, in its place when a
case is opened, the case file. Escape goes back to the list; Ctrl+N opens a case
for a person found by name or code.
"""

from __future__ import annotations

from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from coldwave_app.ui.cases.case_file_view import CaseFileView
from coldwave_app.ui.cases.case_list_page import CaseListPage
from coldwave_app.ui.cases.open_case_dialog import OpenCaseDialog
from coldwave_app.ui.session import Session

__all__ = ["CasesScreen"]

_STYLE = """
QLabel#caseTitle { font-size: 18pt; font-weight: bold; }
QLabel#sectionHeading { font-size: 13pt; font-weight: bold; }
QLabel#closedLine, QLabel#hiddenNotes { color: #9a3412; font-weight: bold; }
QTabBar::tab { padding: 6px 14px; }
"""


class CasesScreen(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setStyleSheet(_STYLE)
        self.list_page = CaseListPage(session, self)
        self.file_view = CaseFileView(session, self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.list_page)
        self.stack.addWidget(self.file_view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.list_page.open_case.connect(self.open_case)
        self.list_page.new_case.connect(self.new_case)
        self.file_view.back.connect(self.show_list)
        session.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Re-read what is shown: the list, and the open case file if any."""
        self.list_page.refresh()
        if self.stack.currentWidget() is self.file_view:
            self.file_view.reload()

    def retranslate(self) -> None:
        self.list_page.retranslate()
        self.file_view.retranslate()

    def open_case(self, case_id: str) -> None:
        if self.file_view.show_case(case_id):
            self.stack.setCurrentWidget(self.file_view)
            self.file_view.go_to(self.file_view.tabs.currentIndex())

    def show_list(self) -> None:
        self.stack.setCurrentWidget(self.list_page)
        self.list_page.case_view.setFocus()

    def new_case(self) -> OpenCaseDialog:
        """Open the dialog that opens a case file for a person; the file shows once made."""
        dialog = OpenCaseDialog(self.session, self)
        dialog.accepted.connect(lambda: self._opened(dialog))
        dialog.open()
        return dialog

    def _opened(self, dialog: OpenCaseDialog) -> None:
        if dialog.case_id is not None:
            self.open_case(dialog.case_id)
