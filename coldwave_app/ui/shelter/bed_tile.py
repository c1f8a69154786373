"""One bed on the board: a checkable button whose colour AND words say its state.

Tiles of a board share an exclusive QButtonGroup, so the arrow keys move between
beds (Qt moves focus to the nearest button in the group) and the selection follows.
Enter on a tile asks for its default action (check-in on a free bed).
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

from coldwave_app.i18n import _, isolate_auto, isolate_ltr
from coldwave_app.i18n.formatting import format_number
from coldwave_app.services.shelter_desk import BoardTile, TileState
from coldwave_app.ui.shelter.labels import RESERVED_FOR, TILE_LABELS, label

__all__ = ["TILE_STYLE", "TILE_WIDTH", "BedTile", "nights_text"]

TILE_WIDTH: Final = 150

TILE_STYLE: Final = """
QPushButton#bedTile {
    text-align: center; padding: 4px; border-radius: 6px; border: 2px solid #8a939c;
    background: #f4f5f6; color: #1d2329; font-size: 11pt;
}
QPushButton#bedTile[bedState="free"] { background: #e4f4e9; border-color: #2e7d4f; }
QPushButton#bedTile[bedState="reserved"] { background: #fff3d6; border-color: #a86a12; }
QPushButton#bedTile[bedState="occupied"] { background: #e3ebf6; border-color: #1f4e79; }
QPushButton#bedTile[bedState="overflow"] { background: #efe6f8; border-color: #6b3fa0; }
QPushButton#bedTile[bedState="overflow_closed"] {
    background: #f2f2f2; border: 2px dashed #9aa0a6; color: #5f6368;
}
QPushButton#bedTile[bedState="inactive"] { background: #ececec; color: #6b7178; }
QPushButton#bedTile:checked { border-width: 4px; border-color: #111820; }
QPushButton#bedTile:focus { border-style: solid; }
"""
"""Colour follows meaning only; every state is also written on the tile."""


def nights_text(nights: int) -> str:
    # No plural forms needed: "nights: 1" reads right in Arabic and French alike.
    return _("nights: {n}").format(n=format_number(nights))


class BedTile(QPushButton):
    """A bed tile. `activated` is emitted on Enter (the tile's default action)."""

    activated = Signal(object)  # the BoardTile

    def __init__(self, tile: BoardTile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bedTile")
        self.setCheckable(True)
        self.setAutoDefault(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumWidth(TILE_WIDTH)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.tile = tile
        self.setProperty("bedState", tile.state.value)
        self.retranslate()

    def retranslate(self) -> None:
        tile = self.tile
        first = f"{isolate_ltr(tile.label)} · {label(TILE_LABELS, tile.state)}"
        if tile.state is TileState.OCCUPIED:
            name = self.fontMetrics().elidedText(
                tile.occupant_name or "", Qt.TextElideMode.ElideRight, TILE_WIDTH - 16
            )
            since = dt.date.fromisoformat((tile.entry_at or "")[:10])
            # Day and month only: the year is this season's, and the tile is narrow.
            third = _("{date} · {nights}").format(
                date=isolate_ltr(f"{since.day:02d}/{since.month:02d}"),
                nights=nights_text(tile.nights or 0),
            )
            lines = [first, isolate_auto(name), third]
        else:
            restriction = RESERVED_FOR.get(tile.sex_restriction or "")
            lines = [first, _(restriction) if restriction else "", ""]
        self.setText("\n".join(lines))
        # Three lines always, so every tile of the grid has the same height.
        self.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 16)
        self.setAccessibleName(" ".join(line for line in lines if line))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.setChecked(True)
            self.activated.emit(self.tile)
            return
        super().keyPressEvent(event)
