"""What every screen shares: the unlocked store behind one lock, and work off the UI thread.

The store's connection may be used from any thread but never from two at once, so
every use goes through `Session.read` / `Session.write` (the same lock the sync
worker holds during a sync). Anything that can take longer than a few tens of
milliseconds (search over a season, imports, reports) goes through `Session.run`,
which runs it on a pool thread and hands the result back on the UI thread.

After every write the session emits `changed`, so open screens refresh what they
show; the status bar re-reads the pending changes at the same moment.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from coldwave_app.domain.errors import ColdwaveError
from coldwave_app.storage.local_store import LocalStore

__all__ = ["BackgroundJob", "Cancelled", "Session"]

T = TypeVar("T")


class Cancelled(Exception):
    """Raised inside a background job by `BackgroundJob.check()` once cancel() was asked."""


class BackgroundJob(QObject):
    """One piece of work on a pool thread. Emits exactly one of done / failed / cancelled.

    The job function receives this object: it calls `check()` between steps (raises
    Cancelled once the user pressed cancel) and `report(done, total)` to move the
    progress bar. Signals arrive on the UI thread.
    """

    done = Signal(object)
    failed = Signal(object)  # the ColdwaveError (or other Exception) raised
    cancelled = Signal()
    progress = Signal(int, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self.finished = False

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled

    def report(self, done: int, total: int) -> None:
        self.progress.emit(done, total)


class _Runnable(QRunnable):
    def __init__(self, body: Callable[[], None]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._body = body

    def run(self) -> None:
        self._body()


class Session(QObject):
    """The logged-in user's store for the screens. Emits `changed` after each write.

    `lock` is shared with the background sync (SyncWorker.lock) on an enrolled laptop,
    so a screen never reads half of a pulled page.
    """

    changed = Signal()
    user_switched = Signal()

    def __init__(
        self,
        store: LocalStore,
        *,
        lock: threading.Lock | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.lock = lock if lock is not None else threading.Lock()
        self._jobs: set[BackgroundJob] = set()
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)

    @property
    def username(self) -> str:
        return self.store.user.username

    @property
    def role(self) -> str:
        return self.store.user.role

    def read(self, query: Callable[[LocalStore], T]) -> T:
        """`query(store)` under the lock, on the calling thread. Keep it short on the UI thread."""
        with self.lock:
            return query(self.store)

    def write(self, action: Callable[[LocalStore], T]) -> T:
        """`action(store)` under the lock; then `changed` is emitted (also after a failure,
        since services commit or roll back whole, and the screens may show stale state)."""
        try:
            with self.lock:
                return action(self.store)
        finally:
            self.changed.emit()

    def replace_store(self, store: LocalStore) -> None:
        """Switch user on a shared laptop: the old store is closed, screens reload."""
        with self.lock:
            old, self.store = self.store, store
        if old is not store:
            old.close()
        self.user_switched.emit()
        self.changed.emit()

    def run(
        self,
        job: Callable[[LocalStore, BackgroundJob], Any],
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        writes: bool = False,
    ) -> BackgroundJob:
        """Run `job(store, handle)` on a pool thread holding the lock; returns the handle.

        `on_done(result)` / `on_error(exception)` are called on the UI thread. A job
        that raises Cancelled ends with the `cancelled` signal and neither callback.
        With `writes=True`, `changed` is emitted when the job ends.
        """
        handle = BackgroundJob(self)
        self._jobs.add(handle)
        if on_done is not None:
            handle.done.connect(on_done)
        if on_error is not None:
            handle.failed.connect(on_error)

        def finish() -> None:
            handle.finished = True
            self._jobs.discard(handle)
            if writes:
                self.changed.emit()

        handle.done.connect(finish)
        handle.failed.connect(finish)
        handle.cancelled.connect(finish)

        def body() -> None:
            try:
                with self.lock:
                    result = job(self.store, handle)
            except Cancelled:
                handle.cancelled.emit()
            except (ColdwaveError, Exception) as err:  # shown to the user, never a crash
                handle.failed.emit(err)
            else:
                handle.done.emit(result)

        self.pool.start(_Runnable(body))
        return handle

    @property
    def busy(self) -> bool:
        """Some background job has not handed its result back yet."""
        return bool(self._jobs)

    def settle(self, timeout_ms: int = 60_000) -> None:
        """Wait until every background job has ended and its result was handed over
        (a result may start another job, e.g. a refresh asked meanwhile). For tests,
        the tour and closing the window, never for a screen reacting to the user."""
        from PySide6.QtCore import QCoreApplication, QDeadlineTimer

        deadline = QDeadlineTimer(timeout_ms)
        while self.busy and not deadline.hasExpired():
            self.pool.waitForDone(max(1, int(deadline.remainingTime())))
            QCoreApplication.processEvents()

    @Slot()
    def wait_for_jobs(self, timeout_ms: int = 30_000) -> bool:
        """Block until background jobs end (tests, closing the window)."""
        return self.pool.waitForDone(timeout_ms)
