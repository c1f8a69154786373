"""The two dialogs of an ongoing stay: check-out with a destination, and a bed move."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coldwave_app.domain.errors import ColdwaveError
from coldwave_app.domain.shelter_rules import ExitDestination
from coldwave_app.i18n import _, isolate_auto, isolate_ltr
from coldwave_app.services.shelter import check_out, move_bed
from coldwave_app.services.shelter_desk import BoardTile, ResidentCard
from coldwave_app.ui.session import Session
from coldwave_app.ui.shelter.desk_dialog import DeskDialog
from coldwave_app.ui.shelter.labels import EXIT_LABELS, RESERVED_FOR, TILE_LABELS, label
from coldwave_app.ui.widgets import Label

__all__ = ["CheckOutDialog", "MoveBedDialog"]

# The usual outcomes first: most exits are a return home, a move on, or leaving.
_DESTINATIONS = (
    ExitDestination.FAMILY_REINTEGRATION,
    ExitDestination.OWN_HOUSING,
    ExitDestination.CARE_INSTITUTION,
    ExitDestination.HOSPITAL,
    ExitDestination.TRANSFERRED,
    ExitDestination.LEFT_WITHOUT_NOTICE,
    ExitDestination.REFUSED,
    ExitDestination.DECEASED,
    ExitDestination.UNKNOWN,
)


class CheckOutDialog(DeskDialog):
    """End a stay now with where the person goes. Accepted once the exit is stored."""

    def __init__(
        self,
        session: Session,
        card: ResidentCard,
        parent: QWidget | None = None,
        *,
        now: Callable[[], dt.datetime] = dt.datetime.now,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._card = card
        self._now = now
        self.title = Label(parent=self)
        self.title.setObjectName("dialogTitle")
        self.title.setWordWrap(True)
        self.destination = QComboBox(self)
        for code in _DESTINATIONS:
            self.destination.addItem("", code.value)
        self.destination.setCurrentIndex(-1)
        self.note = QLineEdit(self)
        form = QFormLayout()
        self.destination_label = Label(parent=self)
        self.note_label = Label(parent=self)
        form.addRow(self.destination_label, self.destination)
        form.addRow(self.note_label, self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(self.button_row())
        self.setMinimumWidth(520)
        self.retranslate()
        self.destination.setFocus()

    def submit(self) -> None:
        code = self.destination.currentData()
        if code is None:
            self.show_message(_("Choose where the person goes."), error=True)
            self.destination.setFocus()
            return
        stay_id, note = self._card.stay.stay_id, self.note.text()
        try:
            self._session.write(
                lambda s: check_out(
                    s, stay_id=stay_id, at=self._now(), destination=str(code), note=note
                )
            )
        except ColdwaveError as err:
            self.show_error(err)
            return
        self.accept()

    def retranslate(self) -> None:
        stay = self._card.stay
        self.setWindowTitle(_("Check out"))
        self.title.setText(
            _("Check out {person} from bed {bed}").format(
                person=isolate_auto(stay.name), bed=isolate_ltr(stay.bed_label or "—")
            )
        )
        self.destination_label.setText(_("Goes to"))
        self.note_label.setText(_("Note (optional)"))
        self.destination.setPlaceholderText(_("Choose…"))
        for index in range(self.destination.count()):
            self.destination.setItemText(
                index, label(EXIT_LABELS, str(self.destination.itemData(index)))
            )
        self.set_button_texts(_("Check out"))


class MoveBedDialog(DeskDialog):
    """Pick a free bed of the same shelter; the move is stored on Enter."""

    def __init__(
        self,
        session: Session,
        card: ResidentCard,
        free_beds: Sequence[BoardTile],
        parent: QWidget | None = None,
        *,
        now: Callable[[], dt.datetime] = dt.datetime.now,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._card = card
        self._beds = list(free_beds)
        self._now = now
        self.title = Label(parent=self)
        self.title.setObjectName("dialogTitle")
        self.beds = QListWidget(self)
        for tile in self._beds:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, tile.bed_id)
            self.beds.addItem(item)
        self.beds.setCurrentRow(0)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.beds)
        layout.addWidget(self.message)
        layout.addLayout(self.button_row())
        self.setMinimumSize(420, 420)
        self.retranslate()
        self.beds.setFocus()

    def submit(self) -> None:
        item = self.beds.currentItem()
        if item is None:
            self.show_message(_("No free bed to move to."), error=True)
            return
        bed_id = str(item.data(Qt.ItemDataRole.UserRole))
        stay_id = self._card.stay.stay_id
        try:
            self._session.write(
                lambda s: move_bed(s, stay_id=stay_id, bed_id=bed_id, at=self._now())
            )
        except ColdwaveError as err:
            self.show_error(err)
            return
        self.accept()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Move to another bed"))
        self.title.setText(_("Move {person} to").format(person=isolate_auto(self._card.stay.name)))
        for index, tile in enumerate(self._beds):
            parts = [isolate_ltr(tile.label), label(TILE_LABELS, tile.state)]
            restriction = RESERVED_FOR.get(tile.sex_restriction or "")
            if restriction:
                parts.append(_(restriction))
            item = self.beds.item(index)
            if item is not None:
                item.setText(" · ".join(parts))
        self.set_button_texts(_("Move"))
