"""The douar picker: type part of an Arabic or Latin name, or a code; the round's,
targeted (by risk level) and recent douars come first. Enter opens the douar."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QHideEvent, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from coldwave_app.domain.errors import ColdwaveError
from coldwave_app.i18n import _, translate_error
from coldwave_app.services.outreach_desk import DouarChoice, douar_choices
from coldwave_app.ui.outreach.vocabulary import douar_text, risk_colour
from coldwave_app.ui.session import Session
from coldwave_app.ui.widgets import Label

_TYPING_PAUSE_MS = 120  # search once the typing pauses, not at every key


class DouarPicker(QWidget):
    """Search box above a short result list (at most 50 douars, so no lazy model)."""

    chosen = Signal(object)  # DouarChoice

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.round_id: str | None = None
        self.choices: list[DouarChoice] = []
        self.search = QLineEdit(self)
        self.search.setObjectName("douarSearch")
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget(self)
        self.results.setObjectName("douarResults")
        self.results.setAlternatingRowColors(False)
        self.results.setWordWrap(True)
        self.message = Label(parent=self)
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.message)
        layout.addWidget(self.results, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(_TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.search_in_background)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.installEventFilter(self)
        self.results.itemActivated.connect(self._choose_item)
        self.retranslate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down from the search box goes into the results, as in any search field.
        # Enter opens the first result and stops there (not a dialog's default button).
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
        ):
            if event.key() == Qt.Key.Key_Down and self.results.count():
                self.results.setFocus()
                self.results.setCurrentRow(0)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._choose_first()
                return True
        return super().eventFilter(watched, event)

    def hideEvent(self, event: QHideEvent) -> None:
        # A closed dialog or screen must not search later, after its store is gone.
        self._timer.stop()
        super().hideEvent(event)

    def retranslate(self) -> None:
        self.search.setPlaceholderText(_("Douar: Arabic or Latin name, or code"))
        self._show()

    def flush(self) -> None:
        """Search now for what is typed (tests, and Enter before the pause ends)."""
        if self._timer.isActive():
            self._timer.stop()
            self.refresh()

    def search_in_background(self) -> None:
        """After a pause in typing: search off the UI thread (a short Latin word such
        as "ait" matches hundreds of douars and takes ~100 ms); a result for text no
        longer in the box is dropped."""
        text, round_id = self.search.text(), self.round_id
        self.session.run(
            lambda s, _job: douar_choices(s, text=text, round_id=round_id),
            on_done=lambda choices: self._arrived(text, choices),
            on_error=lambda err: self._arrived(text, err),
        )

    def _arrived(self, text: str, result: object) -> None:
        if text != self.search.text() or not self.isVisible():
            return  # typed on since, or closed
        if isinstance(result, list):
            self.choices = result
            self.message.clear()
        else:
            self.choices = []
            reason = result if isinstance(result, ColdwaveError) else None
            self.message.setText(translate_error(reason) if reason else str(result))
        self._show()

    def refresh(self) -> None:
        """Search now, on this thread (Enter pressed before the pause ended)."""
        text = self.search.text()
        try:
            self.choices = self.session.read(
                lambda s: douar_choices(s, text=text, round_id=self.round_id)
            )
            self.message.clear()
        except ColdwaveError as err:
            self.choices = []
            self.message.setText(translate_error(err))
        self._show()

    def _show(self) -> None:
        self.results.clear()
        for choice in self.choices:
            item = QListWidgetItem(douar_text(choice))
            item.setData(Qt.ItemDataRole.UserRole, choice.code)
            colour = risk_colour(choice.risk_level)
            if colour is not None:
                item.setBackground(QBrush(colour))
                item.setForeground(QBrush(Qt.GlobalColor.black))
            self.results.addItem(item)
        if not self.choices and self.search.text().strip():
            self.message.setText(_("No douar matches this name or code."))
        self.message.setVisible(bool(self.message.text()))

    def _choose_first(self) -> None:
        self.flush()
        if self.choices:
            self.chosen.emit(self.choices[0])

    def _choose_item(self, item: QListWidgetItem) -> None:
        row = self.results.row(item)
        if 0 <= row < len(self.choices):
            self.chosen.emit(self.choices[row])
