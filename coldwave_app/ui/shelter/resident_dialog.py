"""A resident's card in a dialog (from the residents list), with the same actions
and keys as on the bed board: Alt+1..Alt+9 services, Ctrl+M move, Ctrl+D check out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from coldwave_app.i18n import _
from coldwave_app.services.shelter_desk import bed_board_for_night
from coldwave_app.ui.session import Session
from coldwave_app.ui.shelter.desk_dialog import DIALOG_STYLE
from coldwave_app.ui.shelter.resident_card import ResidentCardView
from coldwave_app.ui.shelter.stay_dialogs import CheckOutDialog, MoveBedDialog

__all__ = ["ResidentDialog"]


class ResidentDialog(QDialog):
    """Shows one stay; `sub_dialog` is the check-out or move dialog opened from it."""

    def __init__(
        self,
        session: Session,
        stay_id: str,
        facility_id: str,
        parent: QWidget | None = None,
        *,
        now: Callable[[], dt.datetime] = dt.datetime.now,
    ) -> None:
        super().__init__(parent)
        self.setStyleSheet(DIALOG_STYLE)
        self._session = session
        self._stay_id = stay_id
        self._facility_id = facility_id
        self._now = now
        self.sub_dialog: QDialog | None = None
        self.card = ResidentCardView(session, self)
        self.card.now = now
        for action in self.card.all_actions():
            self.addAction(action)
        self.card.move_requested.connect(lambda _c: self.open_move())
        self.card.check_out_requested.connect(lambda _c: self.open_check_out())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.card, 1)
        layout.addWidget(self.buttons)
        self.setMinimumSize(460, 560)
        self.card.load(stay_id)
        self.retranslate()
        if self.card.service_buttons:
            self.card.service_buttons[0].setFocus()

    def open_check_out(self) -> CheckOutDialog | None:
        card = self.card.card
        if card is None or not card.is_open:
            return None
        dialog = CheckOutDialog(self._session, card, self, now=self._now)
        dialog.accepted.connect(lambda: self.card.load(self._stay_id))
        self._open(dialog)
        return dialog

    def open_move(self) -> MoveBedDialog | None:
        card = self.card.card
        if card is None or not card.is_open:
            return None
        facility, night = self._facility_id, self._now().date()
        board = self._session.read(
            lambda s: bed_board_for_night(s, facility_id=facility, night=night)
        )
        free = [t for t in board.tiles if t.takes_check_in]
        dialog = MoveBedDialog(self._session, card, free, self, now=self._now)
        dialog.accepted.connect(lambda: self.card.load(self._stay_id))
        self._open(dialog)
        return dialog

    def _open(self, dialog: QDialog) -> None:
        self.sub_dialog = dialog
        dialog.finished.connect(lambda _r: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog: QDialog) -> None:
        if self.sub_dialog is dialog:
            self.sub_dialog = None
        dialog.deleteLater()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Resident"))
        self.card.retranslate()
