"""The UI session: reads and writes under the lock, background jobs end on the UI thread."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from coldwave_app.domain.errors import ColdwaveError
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.ui.session import BackgroundJob, Session


def test_write_emits_changed_and_read_sees_it(qtbot: QtBot, demo_session: Session) -> None:
    with qtbot.waitSignal(demo_session.changed, timeout=2000):
        demo_session.write(lambda s: s.set_meta("ui-test", "yes"))
    assert demo_session.read(lambda s: s.meta("ui-test")) == "yes"


def test_background_job_result_arrives_on_done(qtbot: QtBot, demo_session: Session) -> None:
    results: list[object] = []

    def count(store: LocalStore, job: BackgroundJob) -> int:
        job.check()
        return int(store.db.execute("SELECT count(*) FROM person").fetchone()[0])

    handle = demo_session.run(count, on_done=results.append)
    with qtbot.waitSignal(handle.done, timeout=5000):
        pass
    assert results and isinstance(results[0], int) and results[0] > 100


def test_background_job_error_is_handed_over_not_raised(
    qtbot: QtBot, demo_session: Session
) -> None:
    errors: list[BaseException] = []

    def fail(store: LocalStore, job: BackgroundJob) -> None:
        raise ColdwaveError("broken on purpose")

    handle = demo_session.run(fail, on_error=errors.append)
    with qtbot.waitSignal(handle.failed, timeout=5000):
        pass
    assert len(errors) == 1 and str(errors[0]) == "broken on purpose"


def test_cancelled_job_calls_neither_callback(qtbot: QtBot, demo_session: Session) -> None:
    called: list[object] = []

    def slow(store: LocalStore, job: BackgroundJob) -> None:
        for _ in range(200):
            job.check()
            store.db.execute("SELECT count(*) FROM person").fetchone()
            job.cancel()

    handle = demo_session.run(slow, on_done=called.append, on_error=called.append)
    with qtbot.waitSignal(handle.cancelled, timeout=5000):
        pass
    assert called == []
    assert handle.cancel_requested


@pytest.mark.parametrize("attr", ["username", "role"])
def test_session_names_the_logged_in_user(demo_session: Session, attr: str) -> None:
    assert getattr(demo_session, attr) in {"amina", "admin"}
