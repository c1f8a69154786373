"""The sync page against a real server: progress, cancel, offline, bundles, quarantine."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers.field_devices import Fleet, enrol_fleet
from helpers.sync_server import RunningServer
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coldwave_app.i18n import _
from coldwave_app.i18n.formatting import format_number
from coldwave_app.services.people import register_person
from coldwave_app.services.sync_service import SyncWorker
from coldwave_app.services.sync_status import sync_status
from coldwave_app.storage import sync_state
from coldwave_app.sync.engine import PUSH_BATCH, STATE_KEY
from coldwave_app.ui.background_sync import BackgroundSync, SyncOutcome
from coldwave_app.ui.main_window import MainWindow
from coldwave_app.ui.session import Session
from coldwave_app.ui.sync_view import SyncPage
from coldwave_app.ui.sync_view.status_texts import offline_text

pytestmark = pytest.mark.gui

WAIT_MS = 60_000


@pytest.fixture
def fleet(
    start_server: Callable[..., RunningServer], template_dir: Path, tmp_path: Path
) -> Iterator[Fleet]:
    built = enrol_fleet(
        server=start_server(), database_url=None, template_dir=template_dir, root=tmp_path,
        count=2,
    )  # fmt: skip
    yield built
    built.close()


@pytest.fixture
def window(app: QApplication, qtbot: QtBot, fleet: Fleet) -> Iterator[MainWindow]:
    worker = SyncWorker(fleet.devices[0])
    background = BackgroundSync(worker, interval_s=600, first_delay_s=3600, max_delay_s=7200)
    made = MainWindow(
        Session(worker.store, lock=worker.lock), background_sync=background, idle_timeout_s=3600
    )
    qtbot.addWidget(made)
    with qtbot.waitExposed(made):
        made.show()
    yield made
    background.stop()


def open_page(qtbot: QtBot, window: MainWindow) -> SyncPage:
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    page = window.stack.currentWidget()
    assert isinstance(page, SyncPage)
    return page


def add_people(fleet: Fleet, count: int) -> list[str]:
    return [
        register_person(
            fleet.devices[0], sex="f", given_name_latn=f"Itto{k}", family_name_latn="Ouali",
            birth_year=1970, province_code="05.301",
        ).id
        for k in range(count)
    ]  # fmt: skip


def pending(fleet: Fleet) -> int:
    return sync_status(fleet.devices[0]).pending_changes


def persons_on(fleet: Fleet, n: int, ids: list[str]) -> int:
    marks = ",".join("?" * len(ids))
    row = fleet.devices[n].db.execute(f"SELECT count(*) FROM person WHERE id IN ({marks})", ids)
    return int(row.fetchone()[0])


def sync_from_page(qtbot: QtBot, window: MainWindow, page: SyncPage) -> SyncOutcome:
    assert window.background_sync is not None
    with qtbot.waitSignal(window.background_sync.done, timeout=WAIT_MS) as blocker:
        qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    outcome = blocker.args[0]
    assert isinstance(outcome, SyncOutcome)
    return outcome


def test_sync_now_shows_progress_and_the_figures(
    qtbot: QtBot, window: MainWindow, fleet: Fleet
) -> None:
    page = open_page(qtbot, window)
    assert page.server_edit.text() == fleet.server.url
    ids = add_people(fleet, 3)
    page.refresh()
    assert page.figure_labels["pending"][1].text() == format_number(pending(fleet))
    stages: list[str] = []
    assert window.background_sync is not None
    window.background_sync.progress.connect(lambda stage, _n: stages.append(stage))

    outcome = sync_from_page(qtbot, window, page)

    assert outcome.ok, outcome.error
    assert stages[:1] == ["push"] and "pull" in stages
    assert pending(fleet) == 0
    assert page.figure_labels["pending"][1].text() == format_number(0)
    assert page.figure_labels["last_pull"][1].text() != _("never")
    assert page.progress.isHidden() and page.sync_button.isEnabled()
    fleet.sync(1)
    assert persons_on(fleet, 1, ids) == 3


def test_cancel_stops_between_batches_and_loses_nothing(
    qtbot: QtBot, window: MainWindow, fleet: Fleet
) -> None:
    page = open_page(qtbot, window)
    ids = add_people(fleet, 2 * PUSH_BATCH + 100)
    before = pending(fleet)
    assert before > 2 * PUSH_BATCH  # several batches to go
    background = window.background_sync
    assert background is not None

    with qtbot.waitSignal(background.done, timeout=WAIT_MS) as blocker:
        qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
        assert page.cancel_button.isEnabled()
        qtbot.keyClick(page.server_edit, Qt.Key.Key_Escape)  # the page's Cancel key
    outcome = blocker.args[0]

    assert outcome.cancelled
    assert page.message.text() == _("Sync cancelled: what was already sent or received is kept.")
    assert pending(fleet) == before - PUSH_BATCH  # the first batch went, and only it
    assert background.failures == 0  # a cancel is not a server failure

    outcome = sync_from_page(qtbot, window, page)  # resumes where it stopped
    assert outcome.ok, outcome.error
    assert pending(fleet) == 0
    fleet.sync(1)
    assert persons_on(fleet, 1, ids) == len(ids)  # nothing lost, nothing twice
    assert fleet.server is not None


def test_an_unreachable_server_gives_the_calm_offline_message(
    qtbot: QtBot, window: MainWindow, fleet: Fleet
) -> None:
    page = open_page(qtbot, window)
    add_people(fleet, 2)
    waiting = pending(fleet)
    fleet.server.stop()

    outcome = sync_from_page(qtbot, window, page)

    assert outcome.unreachable
    assert page.message.text() == offline_text(waiting)
    assert format_number(waiting) in page.message.text()
    assert pending(fleet) == waiting


def test_bundle_export_writes_the_pending_changes_to_a_file(
    qtbot: QtBot, window: MainWindow, fleet: Fleet, tmp_path: Path
) -> None:
    page = open_page(qtbot, window)
    add_people(fleet, 2)
    waiting = pending(fleet)
    target = tmp_path / "usb" / "laptop0.bundle"
    target.parent.mkdir()

    job = page.bundles.export_to(target)
    assert page.bundles.progress.isVisible()
    qtbot.waitUntil(lambda: job.finished, timeout=WAIT_MS)

    assert target.stat().st_size > 0
    assert page.bundles.message.text() == _(
        "Bundle written with {n} changes. Take it to the office."
    ).format(n=format_number(waiting))
    assert page.bundles.progress.isHidden()

    job = page.bundles.import_from(tmp_path / "usb" / "no-such.reply")
    qtbot.waitUntil(lambda: job.finished, timeout=WAIT_MS)
    assert "no-such.reply" in page.bundles.message.text()  # said, not raised


def test_quarantined_changes_are_listed_with_their_reason(
    qtbot: QtBot, window: MainWindow, fleet: Fleet
) -> None:
    add_people(fleet, 1)
    store = fleet.devices[0]
    change_id = store.db.execute(
        "SELECT change_id FROM change_log WHERE origin = 'local' ORDER BY seq DESC LIMIT 1"
    ).fetchone()[0]
    # What push records when the server refuses a change.
    sync_state.record_push_results(
        store.db, [(change_id, "rejected", "province outside the campaign", None)],
        server_url=STATE_KEY,
    )  # fmt: skip
    window.refresh(announce=False)
    assert window.indicators.quarantine_label.text() == _("Quarantined: {n}").format(n="1")
    assert window.indicators.quarantine_label.property("alert") is True

    qtbot.mouseClick(window.indicators.quarantine_label, Qt.MouseButton.LeftButton)
    page = window.stack.currentWidget()
    assert isinstance(page, SyncPage)
    table = page.quarantine.table
    assert table.rowCount() == 1
    assert table.item(0, 3).text() == "province outside the campaign"
    assert table.item(0, 1).text() == _("Refused by the server")
    assert page.figure_labels["quarantined"][1].text() == "1"


def test_the_sync_page_in_arabic(app: QApplication, qtbot: QtBot, window: MainWindow) -> None:
    page = open_page(qtbot, window)
    french = page.cancel_button.text()
    window.switch_language("ar")
    assert page.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert page.cancel_button.text() != french and page.cancel_button.text() == _("Cancel")
    assert page.title.text() == _("Sync with the server")
    assert page.server_edit.layoutDirection() == Qt.LayoutDirection.LeftToRight  # a URL


def test_a_laptop_without_server_says_how_to_enrol(qtbot: QtBot, demo_session: Session) -> None:
    window = MainWindow(demo_session, idle_timeout_s=3600)
    qtbot.addWidget(window)
    page = window.show_screen("sync")
    assert isinstance(page, SyncPage)
    assert not page.sync_button.isEnabled()
    assert not page.server_edit.isEnabled()
    assert page.message.text() == _(
        "This laptop is not enrolled with a server: everything stays here. "
        "Enrol it from the home screen with the code your administrator gives you."
    )
    page.sync_now()  # nothing to do, nothing raised
