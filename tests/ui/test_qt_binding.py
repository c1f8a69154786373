"""The Qt binding we ship does not lose references when Python emits a signal.

PySide6 6.12.0 dropped one reference to `True` on every `Signal.emit` from Python;
on Python 3.11, where `True` is not immortal, a session of a few thousand emits
(progress bars, `Session.changed`, table models) ends in "Fatal Python error:
bool_dealloc". We pin 6.11.3, which is free of it; this test stops an upgrade that
brings the fault back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication

EMITS = 200


class _Emitter(QObject):
    bare = Signal()
    carrying = Signal(object)


class _Model(QAbstractTableModel):
    def rowCount(self, parent: QModelIndex | None = None) -> int:
        return 2

    def columnCount(self, parent: QModelIndex | None = None) -> int:
        return 2

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return None


def test_emitting_signals_keeps_the_reference_counts(app: QApplication) -> None:
    emitter, model = _Emitter(), _Model()
    before = sys.getrefcount(True)
    for _ in range(EMITS):
        emitter.bare.emit()
        emitter.carrying.emit(1)
        model.dataChanged.emit(model.index(0, 0), model.index(1, 1))
        model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 1)
    # A leak of one per emit would show as -800; small moves come from the interpreter.
    assert abs(sys.getrefcount(True) - before) < EMITS
