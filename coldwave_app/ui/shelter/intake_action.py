"""Ctrl+N on every shelter screen: the intake and check-in dialog, ready to type in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from coldwave_app.i18n import _
from coldwave_app.ui.session import Session
from coldwave_app.ui.shelter.intake_dialog import IntakeDialog
from coldwave_app.ui.widgets import set_action_text

__all__ = ["INTAKE_KEY", "IntakeLauncher"]

INTAKE_KEY = "Ctrl+N"


class IntakeLauncher:
    """The Ctrl+N action of a screen; `dialog` is the intake open from it, if any.

    `facility` gives the shelter to check in to (None: no shelter, nothing opens).
    """

    def __init__(
        self,
        screen: QWidget,
        session: Session,
        facility: Callable[[], str | None],
        now: Callable[[], dt.datetime],
    ) -> None:
        self._screen, self._session, self._facility, self._now = screen, session, facility, now
        self.dialog: IntakeDialog | None = None
        self.action = QAction(screen)
        self.action.setShortcut(QKeySequence(INTAKE_KEY))
        self.action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.action.triggered.connect(lambda: self.open())
        screen.addAction(self.action)

    def open(self, bed_id: str | None = None) -> IntakeDialog | None:
        facility = self._facility()
        if facility is None:
            return None
        dialog = IntakeDialog(self._session, facility, self._screen, bed_id=bed_id, now=self._now)
        self.dialog = dialog
        dialog.finished.connect(lambda _r: self._closed(dialog))
        dialog.open()
        return dialog

    def _closed(self, dialog: IntakeDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def retranslate(self) -> None:
        set_action_text(self.action, _("Intake and check-in"))
