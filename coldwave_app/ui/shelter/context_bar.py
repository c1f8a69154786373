"""The bar on top of the shelter screens: which shelter (when there are several) and
which night (tonight by default), shared by the bed board and the roll call."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from coldwave_app.i18n import _, current_language
from coldwave_app.services.shelter_desk import ShelterRow, shelters
from coldwave_app.ui.session import Session
from coldwave_app.ui.widgets import Label, day_edit

__all__ = ["ContextBar", "qt_locale"]


def qt_locale() -> QLocale:
    """Qt's locale for date pickers: Moroccan Arabic or French (Western digits both)."""
    if current_language() == "ar":
        return QLocale(QLocale.Language.Arabic, QLocale.Country.Morocco)
    return QLocale(QLocale.Language.French, QLocale.Country.Morocco)


class ContextBar(QWidget):
    """Facility picker (hidden with a single shelter) and night picker.

    Emits `changed` when either moves. `facility_id` is None when the campaign has
    no shelter at all; the screens then say so instead of showing an empty board.
    """

    changed = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._rows: list[ShelterRow] = []
        self.facility_label = Label(parent=self)
        self.facility_combo = QComboBox(self)
        self.facility_label.setBuddy(self.facility_combo)
        self.night_label = Label(parent=self)
        self.night_edit = day_edit(self)
        self.night_edit.setDate(QDate.currentDate())
        self.night_label.setBuddy(self.night_edit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.facility_label)
        layout.addWidget(self.facility_combo, 1)
        layout.addSpacing(16)
        layout.addWidget(self.night_label)
        layout.addWidget(self.night_edit)
        layout.addStretch(1)
        self.facility_combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.night_edit.dateChanged.connect(lambda _d: self.changed.emit())
        self.reload()
        self.retranslate()

    @property
    def facility_id(self) -> str | None:
        data = self.facility_combo.currentData()
        return str(data) if data else None

    @property
    def night(self) -> dt.date:
        value = self.night_edit.date()
        return dt.date(value.year(), value.month(), value.day())

    def is_tonight(self) -> bool:
        return self.night == dt.date.today()

    def set_night(self, night: dt.date) -> None:
        self.night_edit.setDate(QDate(night.year, night.month, night.day))

    def reload(self) -> None:
        """Read the shelters again, keeping the one chosen."""
        self._rows = self._session.read(shelters)
        chosen = self.facility_id
        self.facility_combo.blockSignals(True)
        self.facility_combo.clear()
        for row in self._rows:
            self.facility_combo.addItem(self._name(row), row.id)
        index = self.facility_combo.findData(chosen) if chosen else 0
        self.facility_combo.setCurrentIndex(max(index, 0))
        self.facility_combo.blockSignals(False)
        several = len(self._rows) > 1
        self.facility_label.setVisible(several)
        self.facility_combo.setVisible(several)

    def facility_name(self) -> str:
        return next((self._name(r) for r in self._rows if r.id == self.facility_id), "")

    def _name(self, row: ShelterRow) -> str:
        if current_language() == "ar":
            return row.name_ar or row.name_fr or row.id
        return row.name_fr or row.name_ar or row.id

    def retranslate(self) -> None:
        self.facility_label.setText(_("Shelter:"))
        self.night_label.setText(_("Night of:"))
        self.night_edit.setLocale(qt_locale())
        for index, row in enumerate(self._rows):
            self.facility_combo.setItemText(index, self._name(row))
