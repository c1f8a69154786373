"""Background sync in the app, against a real `coldwave-server` process (SQLite only)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers.field_devices import Fleet, enrol_fleet
from helpers.sync_server import RunningServer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coldwave_app.domain.errors import ColdwaveError
from coldwave_app.i18n import _, translate_error
from coldwave_app.i18n.formatting import format_number
from coldwave_app.services.people import register_person
from coldwave_app.services.sync_service import (
    SyncWorker,
    is_enrolled,
    is_unreachable,
    retry_delay,
)
from coldwave_app.sync.client import UNREACHABLE, SyncFailed
from coldwave_app.sync.engine import SyncSummary
from coldwave_app.ui.background_sync import BackgroundSync, SyncOutcome
from coldwave_app.ui.main_window import MainWindow
from coldwave_app.ui.session import Session
from coldwave_app.ui.sync_view.status_texts import sync_outcome_text

pytestmark = pytest.mark.gui

WAIT_MS = 30_000


@pytest.fixture
def fleet(
    start_server: Callable[..., RunningServer], template_dir: Path, tmp_path: Path
) -> Iterator[Fleet]:
    server = start_server()
    built = enrol_fleet(
        server=server, database_url=None, template_dir=template_dir, root=tmp_path, count=2
    )
    yield built
    built.close()


@pytest.fixture
def background(fleet: Fleet) -> Iterator[BackgroundSync]:
    # A long interval: the tests trigger every attempt themselves.
    sync = BackgroundSync(
        SyncWorker(fleet.devices[0]), interval_s=600, first_delay_s=3600, max_delay_s=7200
    )
    yield sync
    sync.stop()


def make_window(qtbot: QtBot, background: BackgroundSync) -> MainWindow:
    worker = background.worker
    session = Session(worker.store, lock=worker.lock)
    window = MainWindow(session, background_sync=background, idle_timeout_s=3600)
    qtbot.addWidget(window)
    window.show()
    return window


def attempt(qtbot: QtBot, window: MainWindow) -> SyncOutcome:
    background = window.background_sync
    assert background is not None
    with qtbot.waitSignal(background.done, timeout=WAIT_MS) as blocker:
        window.sync_action.trigger()
    outcome = blocker.args[0]
    assert isinstance(outcome, SyncOutcome)
    return outcome


def pending_changes(window: MainWindow) -> int:
    assert window.status is not None
    return window.status.pending_changes


def add_person(fleet: Fleet, given: str) -> str:
    return register_person(
        fleet.devices[0], sex="f", given_name_latn=given, family_name_latn="Ouali",
        birth_year=1970, province_code="05.301",
    ).id  # fmt: skip


def has_person(fleet: Fleet, n: int, person_id: str) -> bool:
    row = fleet.devices[n].db.execute("SELECT 1 FROM person WHERE id = ?", [person_id]).fetchone()
    return row is not None


def test_enrolled_laptops_are_said_to_be(fleet: Fleet, template_dir: Path, tmp_path: Path) -> None:
    from helpers.replicas import make_replica

    assert is_enrolled(fleet.devices[0])
    loose = make_replica(template_dir, tmp_path / "loose")
    try:
        assert not is_enrolled(loose)
    finally:
        loose.close()


def test_retry_delay_grows_and_is_capped() -> None:
    assert retry_delay(60, 0, max_delay_s=900) == 60
    assert retry_delay(60, 1, max_delay_s=900) == 120
    assert retry_delay(60, 2, max_delay_s=900) == 240
    assert retry_delay(60, 10, max_delay_s=900) == 900


def test_a_change_reaches_the_server_in_the_background(
    app: QApplication, qtbot: QtBot, fleet: Fleet, background: BackgroundSync
) -> None:
    window = make_window(qtbot, background)
    person_id = add_person(fleet, "Itto")
    window.refresh(announce=False)
    assert pending_changes(window) > 0

    outcome = attempt(qtbot, window)

    assert outcome.ok, outcome.error
    assert outcome.summary is not None and outcome.summary.accepted > 0
    assert window.statusBar().currentMessage() == sync_outcome_text(outcome)
    assert pending_changes(window) == 0  # the figures were refreshed
    assert window.indicators.pending_label.text() == _("Pending changes: {n}").format(
        n=format_number(0)
    )
    fleet.sync(1)
    assert has_person(fleet, 1, person_id)  # it went through the server


def test_unreachable_server_is_said_calmly_then_the_next_attempt_succeeds(
    app: QApplication,
    qtbot: QtBot,
    fleet: Fleet,
    background: BackgroundSync,
    start_server: Callable[..., RunningServer],
) -> None:
    window = make_window(qtbot, background)
    person_id = add_person(fleet, "Fadma")
    window.refresh(announce=False)
    pending = pending_changes(window)
    assert pending > 0
    fleet.server.stop()

    outcome = attempt(qtbot, window)

    assert not outcome.ok and outcome.unreachable
    assert window.statusBar().currentMessage() == _(
        "Server unreachable — everything is kept, will retry"
    )
    assert pending_changes(window) == pending
    assert background.failures == 1
    assert background.next_delay_s > background.interval_s  # backs off

    again = attempt(qtbot, window)  # still down: same calm line, a longer wait
    assert again.unreachable
    assert background.failures == 2
    assert pending_changes(window) == pending

    restarted = start_server(data_dir=fleet.server.data_dir)
    fleet.server = restarted
    background.set_server_url(restarted.url)
    outcome = attempt(qtbot, window)

    assert outcome.ok, outcome.error
    assert background.failures == 0
    assert background.next_delay_s == background.interval_s
    assert pending_changes(window) == 0
    fleet.sync(1)
    assert has_person(fleet, 1, person_id)


def test_a_refresh_during_a_sync_waits_for_its_end(
    app: QApplication, qtbot: QtBot, fleet: Fleet, background: BackgroundSync
) -> None:
    window = make_window(qtbot, background)
    add_person(fleet, "Touda")
    with background.worker.lock:  # an attempt cannot finish while the store is held
        with qtbot.waitSignal(background.started, timeout=WAIT_MS):
            window.sync_action.trigger()
        assert background.busy
        window.refresh()  # must not block the UI thread on the lock
        assert window.statusBar().currentMessage() == _("Syncing with the server…")
        window.sync_now()  # asked again while busy: one more attempt follows
    with qtbot.waitSignal(background.done, timeout=WAIT_MS):
        pass
    with qtbot.waitSignal(background.done, timeout=WAIT_MS):
        pass
    assert not background.busy
    assert pending_changes(window) == 0


def test_outcome_texts(app: QApplication) -> None:
    unreachable = SyncFailed(UNREACHABLE, url="http://127.0.0.1:9")
    assert is_unreachable(unreachable)
    assert sync_outcome_text(SyncOutcome(error=unreachable)) == _(
        "Server unreachable — everything is kept, will retry"
    )
    refused = SyncFailed("The server refused this device: it is unknown or revoked.")
    assert not is_unreachable(refused)
    assert translate_error(refused) in sync_outcome_text(SyncOutcome(error=refused))
    summary = SyncSummary(accepted=3, duplicates=1, applied=5)
    text = sync_outcome_text(SyncOutcome(summary=summary))
    assert "4" in text and "5" in text
    assert not is_unreachable(ColdwaveError("other"))


def test_without_a_server_the_sync_action_is_disabled(
    app: QApplication, qtbot: QtBot, template_dir: Path, tmp_path: Path
) -> None:
    from helpers.replicas import make_replica

    store = make_replica(template_dir, tmp_path / "alone")
    window = MainWindow(Session(store), idle_timeout_s=3600)
    qtbot.addWidget(window)
    assert not window.sync_action.isEnabled()
    assert window.sync_action in window.file_menu.actions()
    assert window.sync_action.shortcut().toString() == "Ctrl+Shift+S"
    window.sync_now()  # nothing happens, nothing raises
    window.close()
    store.close()


def test_the_timer_starts_attempts_on_its_own(
    app: QApplication, qtbot: QtBot, fleet: Fleet
) -> None:
    person_id = add_person(fleet, "Mimouna")
    sync = BackgroundSync(SyncWorker(fleet.devices[0]), interval_s=600, first_delay_s=0.05)
    try:
        with qtbot.waitSignal(sync.done, timeout=WAIT_MS) as blocker:
            sync.start()
        assert blocker.args[0].ok
    finally:
        sync.stop()
    fleet.sync(1)
    assert has_person(fleet, 1, person_id)
