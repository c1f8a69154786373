"""The case list page: the due list on top (overdue first, then triage order), all
cases below (lazy), with the filters: mine or all, status, and a filter box.

Enter (or a double click) on a row asks to open that case file (`open_case`).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coldwave_app.domain.errors import N_, ColdwaveError
from coldwave_app.i18n import _, translate_error
from coldwave_app.i18n.formatting import format_number
from coldwave_app.services import case_desk
from coldwave_app.ui.cases.case_list_model import CASE_ID_ROLE, CaseListModel
from coldwave_app.ui.cases.due_model import DueListModel
from coldwave_app.ui.cases.form_parts import MessageLine, configure_table
from coldwave_app.ui.session import Session
from coldwave_app.ui.widgets import Label, screen_action, set_action_text

__all__ = ["STATUS_CHOICES", "CaseListPage"]

STATUS_CHOICES = (
    ("active", N_("Open and in follow-up")),
    ("open", N_("Open")),
    ("in_follow_up", N_("In follow-up")),
    ("closed", N_("Closed")),
    ("all", N_("All statuses")),
)


def _action(widget: QWidget, keys: str) -> QAction:
    return screen_action(widget, keys)


class CaseListPage(QWidget):
    open_case = Signal(str)  # case id
    new_case = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.today = date.today()

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setClearButtonEnabled(True)
        self.status_combo = QComboBox(self)
        for code, _msgid in STATUS_CHOICES:
            self.status_combo.addItem("", code)
        self.mine_box = QCheckBox(self)
        self.new_button = QPushButton(self)

        self.due_heading = Label("", self)
        self.due_heading.setObjectName("sectionHeading")
        self.due_model = DueListModel(session, self)
        self.due_view = QTableView(self)
        self.due_view.setModel(self.due_model)
        configure_table(self.due_view)

        self.cases_heading = Label("", self)
        self.cases_heading.setObjectName("sectionHeading")
        self.case_model = CaseListModel(session, self)
        self.case_view = QTableView(self)
        self.case_view.setModel(self.case_model)
        configure_table(self.case_view)
        self.message = MessageLine(self)

        filters = QHBoxLayout()
        filters.addWidget(self.filter_edit, 3)
        filters.addWidget(self.status_combo, 2)
        filters.addWidget(self.mine_box)
        filters.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(10)
        layout.addLayout(filters)
        layout.addWidget(self.message)
        layout.addWidget(self.due_heading)
        layout.addWidget(self.due_view, 2)
        layout.addWidget(self.cases_heading)
        layout.addWidget(self.case_view, 3)

        self.new_action = _action(self, "Ctrl+N")
        self.new_action.triggered.connect(self.new_case.emit)
        self.new_button.clicked.connect(self.new_action.trigger)
        self.filter_action = _action(self, "Ctrl+E")
        self.filter_action.triggered.connect(self._focus_filter)
        self.mine_action = _action(self, "Ctrl+M")
        self.mine_action.triggered.connect(self.mine_box.toggle)
        self.due_action = _action(self, "Ctrl+D")
        self.due_action.triggered.connect(self.due_view.setFocus)

        # Typing filters after a short pause, not on every key (a case list can be long).
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(250)
        self._typing.timeout.connect(self.apply_filter)
        self.filter_edit.textChanged.connect(lambda _t: self._typing.start())
        self.filter_edit.returnPressed.connect(self._filter_and_go_to_list)
        self.status_combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.mine_box.toggled.connect(lambda _b: self.refresh())
        for view in (self.due_view, self.case_view):
            view.activated.connect(self._activated)

        self.setTabOrder(self.filter_edit, self.status_combo)
        self.setTabOrder(self.status_combo, self.mine_box)
        self.setTabOrder(self.mine_box, self.new_button)
        self.setTabOrder(self.new_button, self.due_view)
        self.setTabOrder(self.due_view, self.case_view)
        self.retranslate()

    # -- data ------------------------------------------------------------------------

    def refresh(self) -> None:
        self.today = date.today()
        self.due_model.load(today=self.today, mine=self.mine_box.isChecked())
        self.apply_filter()

    def apply_filter(self) -> None:
        self._typing.stop()
        try:
            where = self.session.read(
                lambda s: case_desk.case_filter(
                    s,
                    status=str(self.status_combo.currentData()),
                    mine=self.mine_box.isChecked(),
                    text=self.filter_edit.text(),
                )
            )
            self.case_model.set_filter(where)
        except ColdwaveError as err:
            self.message.show_error(translate_error(err))
            return
        self.message.clear_message()
        self._count_text()
        if self.case_model.rowCount() and not self.case_view.currentIndex().isValid():
            self.case_view.setCurrentIndex(self.case_model.index(0, 0))

    def _count_text(self) -> None:
        self.cases_heading.setText(_("Cases ({n})").format(n=format_number(self.case_model.total)))

    def _activated(self, index: QModelIndex) -> None:
        case_id = index.data(CASE_ID_ROLE)
        if case_id:
            self.open_case.emit(str(case_id))

    def _focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def _filter_and_go_to_list(self) -> None:
        self.apply_filter()
        self.case_view.setFocus()

    def retranslate(self) -> None:
        self.filter_edit.setPlaceholderText(_("Filter by name or beneficiary code"))
        self.filter_edit.setToolTip(_("Filter by name or beneficiary code") + " (Ctrl+E)")
        for i, (_code, msgid) in enumerate(STATUS_CHOICES):
            self.status_combo.setItemText(i, _(msgid))
        self.mine_box.setText(_("Only my cases"))
        self.mine_box.setToolTip(_("Only my cases") + " (Ctrl+M)")
        set_action_text(self.new_action, _("New case…"))
        set_action_text(self.filter_action, _("Filter the cases"))
        set_action_text(self.mine_action, _("Only my cases"))
        set_action_text(self.due_action, _("Go to the due list"))
        self.new_button.setText(_("New case…"))
        self.new_button.setToolTip(self.new_action.toolTip())
        self.due_heading.setText(_("Due list: overdue first, then by triage score"))
        self._count_text()
        self.due_model.retranslate()
        self.case_model.retranslate()
