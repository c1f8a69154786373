"""Sync in the background: every few minutes, and at once on File → Sync now (Ctrl+Shift+S).

The sync itself (`SyncWorker.sync`, plain Python, HTTP and SQL) runs on a pool thread;
this object lives on the UI thread, starts attempts from a timer and turns their end
into the `done` signal. A server that cannot be reached is not an error to shout about:
the outcome says so, and the next attempt comes later, with a growing delay, until
the server answers again.

Cancel (the sync page's button) is honoured between two batches: the engine calls
the progress callback after each pushed batch and each merged page, both already
committed with their bookkeeping, and the callback raises SyncCancelled there. So a
cancelled sync loses nothing and the next one resumes where it stopped.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

from coldwave_app.domain.errors import N_, ColdwaveError
from coldwave_app.services.sync_service import SyncWorker, is_unreachable, retry_delay
from coldwave_app.sync.engine import SyncSummary

__all__ = ["DEFAULT_INTERVAL_S", "BackgroundSync", "SyncCancelled", "SyncOutcome"]

DEFAULT_INTERVAL_S: Final = 60.0
"""Seconds between two attempts while the server answers."""

MAX_DELAY_S: Final = 15 * 60.0
"""The longest wait between attempts while the server stays unreachable."""

FIRST_DELAY_S: Final = 2.0
"""The first attempt comes shortly after the window opens."""


class SyncCancelled(ColdwaveError):
    """Raised from the progress callback once the user pressed Cancel."""

    def __init__(self) -> None:
        super().__init__(N_("Sync cancelled: what was already sent or received is kept."))


@dataclass(frozen=True)
class SyncOutcome:
    """The end of one attempt: a summary, or the error (nothing local was lost)."""

    summary: SyncSummary | None = None
    error: ColdwaveError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def unreachable(self) -> bool:
        return self.error is not None and is_unreachable(self.error)

    @property
    def cancelled(self) -> bool:
        return isinstance(self.error, SyncCancelled)


class _Relay(QObject):
    """Lives on the UI thread; the pool thread emits through it (a queued connection)."""

    finished = Signal(object)
    progress = Signal(str, int)  # stage ("push" | "pull"), changes done in that stage


class _Attempt(QRunnable):
    def __init__(self, worker: SyncWorker, relay: _Relay, cancel: threading.Event) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._worker = worker
        self._relay = relay
        self._cancel = cancel

    def _progress(self, stage: str, done: int) -> None:
        # Called by the engine between committed batches: the one safe place to stop.
        self._relay.progress.emit(stage, done)
        if self._cancel.is_set():
            raise SyncCancelled

    def run(self) -> None:
        try:
            outcome = SyncOutcome(summary=self._worker.sync(progress=self._progress))
        except ColdwaveError as err:
            outcome = SyncOutcome(error=err)
        except Exception as err:  # a bug must not end the pool thread silently
            outcome = SyncOutcome(error=ColdwaveError(str(err) or type(err).__name__))
        self._relay.finished.emit(outcome)


class BackgroundSync(QObject):
    """Timer-driven sync of one enrolled laptop.

    Signals: `started`, `progress(stage, done)` between batches, `done(SyncOutcome)`.
    """

    started = Signal()
    progress = Signal(str, int)
    done = Signal(object)

    def __init__(
        self,
        worker: SyncWorker,
        *,
        interval_s: float = DEFAULT_INTERVAL_S,
        first_delay_s: float = FIRST_DELAY_S,
        max_delay_s: float = MAX_DELAY_S,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.worker = worker
        self.interval_s = interval_s
        self.first_delay_s = first_delay_s
        self.max_delay_s = max_delay_s
        self.failures = 0
        """Failed attempts in a row; sets the delay before the next one."""
        self.last_outcome: SyncOutcome | None = None
        self._busy = False
        self._again = False
        self._stopped = False
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._finished)
        self._relay.progress.connect(self.progress)
        self._cancel = threading.Event()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.sync_now)

    @property
    def busy(self) -> bool:
        """An attempt is running: the store is in use by the pool thread."""
        return self._busy

    @property
    def next_delay_s(self) -> float:
        return retry_delay(self.interval_s, self.failures, max_delay_s=self.max_delay_s)

    def start(self) -> None:
        """Begin the schedule: a first attempt after `first_delay_s`."""
        self._stopped = False
        self._schedule(self.first_delay_s)

    def stop(self) -> None:
        """No more attempts; waits for the one running, if any (at quit)."""
        self._stopped = True
        self._timer.stop()
        self._again = False
        self._pool.waitForDone()

    def set_server_url(self, url: str) -> None:
        """The server moved: the next attempts go to `url` (kept once a sync succeeds)."""
        self.worker.server_url = url

    @Slot()
    def sync_now(self) -> None:
        """Try now (File → Sync now); during an attempt, one more follows it."""
        if self._busy:
            self._again = True
            return
        self._timer.stop()
        self._busy = True
        self._cancel.clear()
        self.started.emit()
        self._pool.start(_Attempt(self.worker, self._relay, self._cancel))

    def cancel(self) -> None:
        """Stop the running attempt after its current batch (nothing is lost); no-op when idle."""
        if self._busy:
            self._again = False
            self._cancel.set()

    def _finished(self, outcome: SyncOutcome) -> None:
        self._busy = False
        self.last_outcome = outcome
        if not outcome.cancelled:  # a cancel says nothing about the server: no back-off
            self.failures = 0 if outcome.ok else self.failures + 1
        self.done.emit(outcome)
        if self._stopped:
            return
        if self._again:
            self._again = False
            self.sync_now()
        else:
            self._schedule(self.next_delay_s)

    def _schedule(self, seconds: float) -> None:
        self._timer.start(max(0, round(seconds * 1000)))
