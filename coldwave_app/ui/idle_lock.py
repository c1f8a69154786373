"""Auto-lock: an application-wide event filter that notices the laptop is left alone.

Any key, click, wheel or mouse move in any window restarts the idle timer; when it
runs out, `idle` is emitted and the main window hides its screens behind the lock.

A laptop whose lid was closed must be locked when it wakes: Qt's timers run on the
monotonic clock, which stops during suspend on Linux, so a second check compares the
time of the last input with CLOCK_BOOTTIME (which keeps counting while asleep). Where
the platform reports it (macOS, Windows, some Linux sessions), going to sleep or to
the background as "suspended" locks at once.
"""

from __future__ import annotations

import time
from typing import Final

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication

from coldwave_app.domain.errors import ColdwaveError
from coldwave_app.services import session_policy
from coldwave_app.ui.session import Session

__all__ = ["DEFAULT_IDLE_TIMEOUT_S", "IdleWatcher", "idle_timeout_seconds"]

DEFAULT_IDLE_TIMEOUT_S: Final = float(session_policy.DEFAULT_IDLE_SECONDS)
"""Lock after five minutes without input unless the campaign set another delay."""

_INPUT_EVENTS: Final = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


SLEEP_CHECK_MS: Final = 5000
"""How often the time since the last input is compared with the clock that counts sleep."""


def _clock() -> float:
    """Seconds on a clock that keeps running while the laptop sleeps."""
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    return time.clock_gettime(boottime) if boottime is not None else time.time()


def idle_timeout_seconds(session: Session) -> float:
    """THE place the idle timeout is read from: the campaign's setting
    (services.session_policy), else the default when it cannot be read."""
    try:
        return float(session.read(session_policy.idle_timeout_seconds))
    except ColdwaveError:
        return DEFAULT_IDLE_TIMEOUT_S


class IdleWatcher(QObject):
    """Emits `idle` after `timeout_ms` without user input anywhere in the application."""

    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        # Precise: a coarse timer may fire (or report its remaining time) 5 % off.
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(max(1, timeout_ms))
        self._timer.timeout.connect(self.idle)
        self._installed = False
        self.last_input = _clock()
        self._sleep_check = QTimer(self)
        self._sleep_check.setInterval(SLEEP_CHECK_MS)
        self._sleep_check.timeout.connect(self.check_sleep)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.applicationStateChanged.connect(self._state_changed)

    @property
    def timeout_ms(self) -> int:
        return self._timer.interval()

    @property
    def remaining_ms(self) -> int:
        """Milliseconds before the lock (-1 when not watching)."""
        return self._timer.remainingTime()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def set_timeout_ms(self, timeout_ms: int) -> None:
        self._timer.setInterval(max(1, timeout_ms))
        if self._timer.isActive():
            self._timer.start()

    def start(self) -> None:
        """Watch input from now on (again after an unlock)."""
        app = QApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True
        self.last_input = _clock()
        self._timer.start()
        self._sleep_check.start()

    def check_sleep(self) -> None:
        """Lock now if the idle time ran out while the timers were asleep (lid closed)."""
        if self._timer.isActive() and _clock() - self.last_input >= self.timeout_ms / 1000:
            self._fire()

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationSuspended and self._timer.isActive():
            self._fire()

    def _fire(self) -> None:
        self._timer.stop()
        self.idle.emit()

    def stop(self) -> None:
        """While locked: nothing to time."""
        self._timer.stop()
        self._sleep_check.stop()
        app = QApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS and self._timer.isActive():
            self.last_input = _clock()
            self._timer.start()
        return False  # only watching: every event goes on to its widget
