"""The bed board: a shelter's beds for one night as tiles grouped by room, with the
selected resident's card beside them.

Keys: arrows move between beds; Enter on a free bed or Ctrl+N checks someone in;
on an occupied bed Alt+1..Alt+9 record a service, Ctrl+M moves, Ctrl+D checks out.
Changes are made on tonight's board only; another night is shown read-only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from itertools import groupby

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from coldwave_app.domain.errors import ColdwaveError
from coldwave_app.i18n import _, isolate_ltr, translate_error
from coldwave_app.i18n.formatting import format_number
from coldwave_app.services.shelter_desk import BoardTile, NightBoard, TileState, bed_board_for_night
from coldwave_app.ui.session import Session
from coldwave_app.ui.shelter.bed_tile import TILE_STYLE, TILE_WIDTH, BedTile
from coldwave_app.ui.shelter.context_bar import ContextBar
from coldwave_app.ui.shelter.desk_dialog import DIALOG_STYLE
from coldwave_app.ui.shelter.intake_dialog import IntakeDialog
from coldwave_app.ui.shelter.labels import RESERVED_FOR, TILE_LABELS, label
from coldwave_app.ui.shelter.resident_card import ResidentCardView
from coldwave_app.ui.shelter.stay_dialogs import CheckOutDialog, MoveBedDialog
from coldwave_app.ui.widgets import Label, set_action_text, set_button_text

__all__ = ["INTAKE_KEY", "BedBoardScreen"]

INTAKE_KEY = "Ctrl+N"
_STATES_SHOWN = (
    TileState.FREE,
    TileState.RESERVED,
    TileState.OCCUPIED,
    TileState.OVERFLOW,
    TileState.OVERFLOW_CLOSED,
    TileState.INACTIVE,
)


class BedBoardScreen(QWidget):
    """Screen "shelter-beds". Dialogs it opens are kept in `dialog` until closed."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shelterBedBoard")
        self.setStyleSheet(TILE_STYLE + DIALOG_STYLE)
        self.session = session
        self.now: Callable[[], dt.datetime] = dt.datetime.now
        self.board: NightBoard | None = None
        self.tiles: dict[str, BedTile] = {}
        self.room_boxes: list[tuple[QGroupBox, QGridLayout, list[BedTile]]] = []
        self._columns = 0
        self.selected_bed_id: str | None = None
        self.dialog: QWidget | None = None

        self.title = Label(parent=self)
        self.title.setObjectName("sectionHeading")
        self.context = ContextBar(session, self)
        self.context.changed.connect(self.refresh)
        self.summary = Label(parent=self)
        self.summary.setWordWrap(True)
        self.night_note = Label(parent=self)
        self.night_note.setObjectName("formMessage")
        self.intake_action = QAction(self)
        self.intake_action.setShortcut(QKeySequence(INTAKE_KEY))
        self.intake_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.intake_action.triggered.connect(lambda: self.open_intake())
        self.addAction(self.intake_action)
        self.intake_button = QPushButton(self)
        self.intake_button.setAutoDefault(False)
        self.intake_button.clicked.connect(self.intake_action.trigger)
        top = QHBoxLayout()
        top.addWidget(self.context, 1)
        top.addWidget(self.intake_button)

        self.rooms_host = QWidget(self)
        self.rooms_layout = QVBoxLayout(self.rooms_host)
        self.rooms_layout.setSpacing(10)
        self.board_scroll = QScrollArea(self)
        self.board_scroll.setWidgetResizable(True)
        self.board_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.board_scroll.setWidget(self.rooms_host)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)

        self.bed_info = Label(parent=self)
        self.bed_info.setObjectName("sectionHeading")
        self.bed_info.setWordWrap(True)
        self.card = ResidentCardView(session, self)
        self.card.now = lambda: self.now()
        for action in self.card.all_actions():
            self.addAction(action)
        self.card.move_requested.connect(lambda _c: self.open_move())
        self.card.check_out_requested.connect(lambda _c: self.open_check_out())
        side_host = QWidget(self)
        side = QVBoxLayout(side_host)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.bed_info)
        side.addWidget(self.card, 1)
        side_scroll = QScrollArea(self)
        side_scroll.setWidgetResizable(True)
        side_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side_scroll.setWidget(side_host)
        side_scroll.setFixedWidth(380)
        side_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        middle = QHBoxLayout()
        middle.addWidget(self.board_scroll, 1)
        middle.addWidget(side_scroll)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.night_note)
        layout.addLayout(middle, 1)
        session.changed.connect(self.refresh)
        self.retranslate()
        self.refresh()

    # --- data ---------------------------------------------------------------------

    def refresh(self) -> None:
        facility = self.context.facility_id
        if facility is None:
            self.board = None
            self._build_tiles([])
            self._select(None)
            self.retranslate()
            return
        night = self.context.night
        try:
            self.board = self.session.read(
                lambda s: bed_board_for_night(s, facility_id=facility, night=night)
            )
        except ColdwaveError as err:
            self.board = None
            self.night_note.setText(translate_error(err))
            return
        self._build_tiles(self.board.tiles)
        self._select(self.selected_bed_id)
        self.retranslate()

    def _build_tiles(self, tiles: list[BoardTile]) -> None:
        had_focus = any(b.hasFocus() for b in self.tiles.values())
        for old in self.tiles.values():
            self.group.removeButton(old)
        while self.rooms_layout.count():
            item = self.rooms_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.tiles = {}
        self.room_boxes = []
        for room, beds in groupby(tiles, key=lambda t: t.room_label):
            box = QGroupBox(self.rooms_host)
            box.setProperty("room", room or "")
            grid = QGridLayout(box)
            grid.setSpacing(8)
            buttons: list[BedTile] = []
            for board_tile in beds:
                button = BedTile(board_tile, box)
                button.clicked.connect(lambda _c=False, t=board_tile: self._select(t.bed_id))
                button.activated.connect(self._activate)
                self.group.addButton(button)
                self.tiles[board_tile.bed_id] = button
                buttons.append(button)
            self.rooms_layout.addWidget(box)
            self.room_boxes.append((box, grid, buttons))
        self.rooms_layout.addStretch(1)
        self._columns = 0
        self._place_tiles()
        if had_focus and self.selected_bed_id in self.tiles:
            self.tiles[self.selected_bed_id].setFocus()

    def _place_tiles(self) -> None:
        """Lay the tiles out in as many columns as the board's width takes (no side scroll)."""
        width = self.board_scroll.viewport().width() - 48
        columns = max(2, width // (TILE_WIDTH + 8))
        if columns == self._columns:
            return
        self._columns = columns
        for _box, grid, buttons in self.room_boxes:
            for button in buttons:
                grid.removeWidget(button)
            for index, button in enumerate(buttons):
                grid.addWidget(button, index // columns, index % columns)
            for column in range(grid.columnCount()):
                grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_tiles()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._place_tiles()

    def selected_tile(self) -> BoardTile | None:
        button = self.tiles.get(self.selected_bed_id or "")
        return button.tile if button is not None else None

    def _select(self, bed_id: str | None) -> None:
        if bed_id not in self.tiles:
            bed_id = next(iter(self.tiles), None)
        self.selected_bed_id = bed_id
        tile = self.selected_tile()
        if tile is not None:
            self.tiles[tile.bed_id].setChecked(True)
        self.card.load(tile.stay_id if tile is not None else None)
        self._show_bed_info()

    def focus_bed(self, label_text: str) -> BedTile:
        """Select and focus the tile of a bed by its label (tests, and after a check-in)."""
        button = next(b for b in self.tiles.values() if b.tile.label == label_text)
        self._select(button.tile.bed_id)
        button.setFocus()
        return button

    def _activate(self, tile: BoardTile) -> None:
        self._select(tile.bed_id)
        if tile.takes_check_in:
            self.open_intake(tile.bed_id)
        elif tile.stay_id is not None and self.card.service_buttons:
            self.card.service_buttons[0].setFocus()

    # --- dialogs ------------------------------------------------------------------

    def _changes_allowed(self) -> bool:
        if self.context.is_tonight():
            return True
        self.night_note.setText(_("This is another night: changes are made on tonight's board."))
        self.night_note.setVisible(True)
        return False

    def open_intake(self, bed_id: str | None = None) -> IntakeDialog | None:
        facility = self.context.facility_id
        if facility is None or not self._changes_allowed():
            return None
        if bed_id is None:
            tile = self.selected_tile()
            bed_id = tile.bed_id if tile is not None and tile.takes_check_in else None
        dialog = IntakeDialog(self.session, facility, self, bed_id=bed_id, now=self.now)
        dialog.accepted.connect(lambda: self._after_check_in(dialog))
        self._open(dialog)
        return dialog

    def _after_check_in(self, dialog: IntakeDialog) -> None:
        stay = dialog.stay_id
        self.refresh()
        match = next((b for b in self.tiles.values() if b.tile.stay_id == stay), None)
        if match is not None:
            self._select(match.tile.bed_id)
            match.setFocus()

    def open_check_out(self) -> CheckOutDialog | None:
        card = self.card.card
        if card is None or not card.is_open or not self._changes_allowed():
            return None
        dialog = CheckOutDialog(self.session, card, self, now=self.now)
        self._open(dialog)
        return dialog

    def open_move(self) -> MoveBedDialog | None:
        card = self.card.card
        if card is None or not card.is_open or self.board is None or not self._changes_allowed():
            return None
        free = [t for t in self.board.tiles if t.takes_check_in]
        dialog = MoveBedDialog(self.session, card, free, self, now=self.now)
        self._open(dialog)
        return dialog

    def _open(self, dialog: QWidget) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))  # type: ignore[attr-defined]
        dialog.open()  # type: ignore[attr-defined]

    def _dialog_closed(self, dialog: QWidget) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        button = self.tiles.get(self.selected_bed_id or "")
        if button is not None:
            button.setFocus()

    # --- texts --------------------------------------------------------------------

    def _show_bed_info(self) -> None:
        tile = self.selected_tile()
        if tile is None:
            self.bed_info.setText(_("No bed in this shelter yet."))
            return
        text = _("Bed {bed} · {state}").format(
            bed=isolate_ltr(tile.label), state=label(TILE_LABELS, tile.state)
        )
        restriction = RESERVED_FOR.get(tile.sex_restriction or "")
        if restriction:
            text += f" · {_(restriction)}"
        if tile.takes_check_in and self.context.is_tonight():
            text += "\n" + _("Enter or Ctrl+N: check someone in to this bed.")
        self.bed_info.setText(text)

    def retranslate(self) -> None:
        self.title.setText(_("Bed board"))
        self.context.retranslate()
        set_action_text(self.intake_action, _("Intake and check-in"))
        set_button_text(self.intake_button, _("Intake and check-in"))
        self.intake_button.setToolTip(self.intake_action.toolTip())
        self.card.retranslate()
        for box, _grid, _buttons in self.room_boxes:
            room = str(box.property("room"))
            box.setTitle(
                _("Room {room}").format(room=isolate_ltr(room)) if room else _("Overflow beds")
            )
        for button in self.tiles.values():
            button.retranslate()
        board = self.board
        if board is None:
            self.summary.setText(_("No shelter in this campaign yet."))
        else:
            counts = [
                _("{state}: {count}").format(
                    state=label(TILE_LABELS, state), count=format_number(board.count(state))
                )
                for state in _STATES_SHOWN
                if board.count(state)
            ]
            line = " · ".join(counts)
            if board.cold_alert:
                line += " · " + _("Cold alert in force: overflow beds are open.")
            self.summary.setText(line)
        self.night_note.setText(
            "" if self.context.is_tonight() else _("Another night: shown as it was, read-only.")
        )
        self.night_note.setVisible(bool(self.night_note.text()))
        self._show_bed_info()
