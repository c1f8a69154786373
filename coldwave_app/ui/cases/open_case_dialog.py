"""Open a case file for a person: search by name (Arabic or Latin) or code, pick the
person, say where the case is opened (a centre, or a social window by name).

Enter opens the case for the selected person; Escape cancels. A person who
already has an open file is shown as such and the service refuses a second one.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coldwave_app.i18n import _, current_language
from coldwave_app.services import case_desk
from coldwave_app.services.case_files import open_case
from coldwave_app.ui.cases.form_parts import MessageLine, attempt
from coldwave_app.ui.cases.labels import code_text, person_name
from coldwave_app.ui.session import Session
from coldwave_app.ui.widgets import Label, ok_cancel_buttons

__all__ = ["OpenCaseDialog"]

_WINDOW = "__window__"


class OpenCaseDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.case_id: str | None = None
        self.search_edit = QLineEdit(self)
        self.results = QListWidget(self)
        self.results.setMinimumHeight(180)
        self.place_combo = QComboBox(self)
        self.window_edit = QLineEdit(self)
        self.message = MessageLine(self)
        self.buttons = ok_cancel_buttons(self)

        self.search_label = Label("", self)
        self.place_label = Label("", self)
        self.window_label = Label("", self)
        form = QFormLayout()
        form.addRow(self.search_label, self.search_edit)
        form.addRow(self.results)
        form.addRow(self.place_label, self.place_combo)
        form.addRow(self.window_label, self.window_edit)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self._places = session.read(case_desk.facilities)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._search_timer.timeout.connect(self.search)
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        self.place_combo.currentIndexChanged.connect(lambda _i: self._window_enabled())
        self.search_edit.installEventFilter(self)
        self.resize(620, 480)
        self.retranslate()
        self.search_edit.setFocus()

    def eventFilter(self, watched: object, event: object) -> bool:
        # Down arrow from the search box goes into the results, as in any search box.
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QKeyEvent

        if (
            watched is self.search_edit
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
            and self.results.count()
        ):
            self.results.setFocus()
            if self.results.currentRow() < 0:
                self.results.setCurrentRow(0)
            return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def search(self) -> None:
        self._search_timer.stop()
        text = self.search_edit.text()
        hits = self.session.read(lambda s: case_desk.find_people(s, text=text))
        self.results.clear()
        for hit in hits:
            name = person_name(hit.name_latn, hit.name_ar, hit.known_as)
            text_line = f"{name} — {code_text(hit.code)}"
            if hit.birth_year:
                text_line += " — " + _("Born in {year}").format(year=hit.birth_year)
            if hit.open_case_id:
                text_line += " — " + _("already has an open case")
            item = QListWidgetItem(text_line, self.results)
            item.setData(Qt.ItemDataRole.UserRole, hit.id)
        if hits:
            self.results.setCurrentRow(0)
        else:
            self.message.clear_message()

    def accept(self) -> None:
        if self._search_timer.isActive():
            self.search()
        item = self.results.currentItem()
        if item is None:
            self.message.show_error(_("Search for the person, then choose them in the list."))
            self.search_edit.setFocus()
            return
        person_id = str(item.data(Qt.ItemDataRole.UserRole))
        place = self.place_combo.currentData()
        facility = None if place == _WINDOW else str(place) if place else None
        window = self.window_edit.text() if place == _WINDOW else None
        me = self.session.store.user.id

        def run() -> None:
            self.case_id = self.session.write(
                lambda s: open_case(
                    s,
                    opened_at=datetime.now().replace(microsecond=0),
                    person_id=person_id,
                    facility_id=facility,
                    window_name=window,
                    caseworker_id=me,
                )
            )

        if attempt(self.message, run):
            super().accept()

    def _window_enabled(self) -> None:
        self.window_edit.setEnabled(self.place_combo.currentData() == _WINDOW)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Open a case file"))
        self.search_label.setText(_("Person"))
        self.search_edit.setPlaceholderText(_("Name in Arabic or Latin letters, or code"))
        self.place_label.setText(_("Opened at"))
        self.window_label.setText(_("Window name"))
        current = self.place_combo.currentData()
        self.place_combo.blockSignals(True)
        self.place_combo.clear()
        arabic = current_language() == "ar"
        for place in self._places:
            name = (place.name_ar if arabic else place.name_fr) or place.name_fr or place.name_ar
            self.place_combo.addItem(name or place.id, place.id)
        self.place_combo.addItem(_("A social window (give its name)"), _WINDOW)
        found = self.place_combo.findData(current)
        self.place_combo.setCurrentIndex(max(found, 0))
        self.place_combo.blockSignals(False)
        self._window_enabled()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Open the case file"))
