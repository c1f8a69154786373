"""Declaring a cold alert from the dashboard: level, days, note; the shelters open overflow beds."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from coldwave_app.domain.errors import ColdwaveError
from coldwave_app.i18n import _, translate_error
from coldwave_app.services.cold_alert import declare_cold_alert
from coldwave_app.ui.dashboard.douar_table import RISK_NAMES
from coldwave_app.ui.session import Session
from coldwave_app.ui.widgets import Label, day_edit, ok_cancel_buttons

__all__ = ["ColdAlertDialog"]


def _pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class ColdAlertDialog(QDialog):
    """Enter declares (all fields reachable with Tab); Escape cancels."""

    def __init__(
        self, session: Session, *, day: dt.date, province: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.province = province
        self.alert_id: str | None = None
        self.setObjectName("coldAlertDialog")
        self.setMinimumWidth(420)
        self.level = QComboBox(self)
        self.level.setObjectName("alertLevel")
        self.starts = day_edit(self)
        self.starts.setDate(QDate(day.year, day.month, day.day))
        self.open_ended = QCheckBox(self)
        self.open_ended.setChecked(True)
        self.ends = day_edit(self)
        self.ends.setDate(QDate(day.year, day.month, day.day).addDays(2))
        self.ends.setEnabled(False)
        self.open_ended.toggled.connect(lambda on: self.ends.setEnabled(not on))
        self.note = QLineEdit(self)
        self.message = Label(parent=self)
        self.message.setObjectName("alertMessage")
        self.message.setWordWrap(True)
        self.form = QFormLayout()
        self.labels: list[Label] = []
        for field in (self.level, self.starts, self.open_ended, self.ends, self.note):
            label = Label(parent=self)
            label.setBuddy(field)
            self.labels.append(label)
            self.form.addRow(label, field)
        self.buttons = ok_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.level.setFocus()

    def accept(self) -> None:
        level = str(self.level.currentData())
        starts = _pydate(self.starts.date())
        ends = None if self.open_ended.isChecked() else _pydate(self.ends.date())
        note = self.note.text()
        try:
            self.alert_id = self.session.write(
                lambda s: declare_cold_alert(
                    s,
                    level=level,
                    starts_on=starts,
                    ends_on=ends,
                    province_codes=[self.province],
                    note=note,
                )
            )
        except ColdwaveError as err:
            self.message.setText(translate_error(err))  # what was typed stays
            return
        super().accept()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Declare a cold alert"))
        current = self.level.currentIndex()
        self.level.clear()
        for code in ("red", "orange", "yellow"):
            self.level.addItem(_(RISK_NAMES[code]), code)
        self.level.setCurrentIndex(max(current, 0))
        texts = (_("Level"), _("From"), "", _("To"), _("Note"))  # the box says it itself
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.open_ended.setText(_("No end date yet"))
