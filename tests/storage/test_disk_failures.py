"""A full disk and a read-only disk, on a real small file system (tmpfs, needs root)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from helpers.cli import run_coldwave
from helpers.stores import ADMIN, PASSWORD

from coldwave_app.domain.storage_errors import DISK_FULL, READ_ONLY, DiskFull, ReadOnlyMedia
from coldwave_app.i18n import translate_error
from coldwave_app.services.campaign_setup import create_campaign
from coldwave_app.services.people import register_person
from coldwave_app.storage.backups import open_live_database
from coldwave_app.storage.keystore import KdfParams, Keystore
from coldwave_app.storage.local_store import initialise, unlock
from coldwave_app.storage.media_failures import explain_media_failure, refuse_read_only


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 6 MB tmpfs mounted for this test only."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root; run the suite as root (CI does)")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(mount_point)],
        capture_output=True, text=True,
    )  # fmt: skip
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def _fill(disk: Path, leave_kib: int) -> Path:
    filler = disk / "filler.bin"
    stats = os.statvfs(disk)
    free = stats.f_bavail * stats.f_frsize
    with filler.open("wb") as handle:
        handle.write(b"\0" * max(0, free - leave_kib * 1024))
    return filler


def _people(data_dir: Path) -> tuple[int, list[tuple[str]]]:
    # Opened without logging in: a login writes an audit entry, which a full disk refuses.
    key = Keystore.in_dir(data_dir).unlock(username=ADMIN, password=PASSWORD)
    db = open_live_database(data_dir, key)
    assert db is not None
    try:
        count = db.execute("SELECT count(*) FROM person").fetchone()[0]
        return count, db.execute("PRAGMA integrity_check").fetchall()
    finally:
        db.conn.close()


def test_a_full_disk_fails_clearly_damages_nothing_and_work_resumes(small_disk: Path) -> None:
    data_dir = small_disk / "data"
    store = initialise(data_dir, admin=ADMIN, password=PASSWORD, kdf=KdfParams.for_tests())
    # One province instead of the whole geography, to fit the small disk.
    store.db.execute(
        "INSERT INTO geo_unit (code, level, province_code, name_ar, name_fr) "
        "VALUES ('05.301', 'province', '05.301', 'خنيفرة', 'Khénifra')"
    )
    create_campaign(store, name="Hiver", province_code="05.301", period_start=date(2025, 11, 17))
    for _ in range(20):
        register_person(store, sex="f", given_name_latn="Itto", birth_year=1970)
    filler = _fill(small_disk, leave_kib=32)
    with pytest.raises(Exception) as failed:
        for _ in range(5000):
            register_person(store, sex="m", given_name_latn="Moha", aliases=["x" * 2000],
                            birth_year=1980)  # fmt: skip
    explained = explain_media_failure(failed.value, data_dir)
    assert isinstance(explained, DiskFull), repr(failed.value)
    saved_before_full = store.db.execute("SELECT count(*) FROM person").fetchone()[0]
    store.close()

    cli = run_coldwave("generate", "--data-dir", str(data_dir), "--persons", "3000",
                       "--events", "3000", "--seed", "1")  # fmt: skip
    assert cli.returncode == DiskFull.exit_code, cli.stderr
    expected = translate_error(DiskFull(DISK_FULL, path=str(data_dir)), lang="fr")
    assert cli.stderr == f"coldwave: {expected}\n"
    count, verdict = _people(data_dir)
    assert verdict == [("ok",)] and count == saved_before_full

    filler.unlink()
    again = unlock(data_dir, username=ADMIN, password=PASSWORD)
    register_person(again, sex="m", given_name_latn="Moha", birth_year=1980)
    again.close()
    assert _people(data_dir) == (saved_before_full + 1, [("ok",)])


def test_a_read_only_disk_is_named_as_such(small_disk: Path) -> None:
    data_dir = small_disk / "data"
    initialise(data_dir, admin=ADMIN, password=PASSWORD, kdf=KdfParams.for_tests()).close()
    remounted = subprocess.run(["mount", "-o", "remount,ro", str(small_disk)],
                               capture_output=True, text=True)  # fmt: skip
    if remounted.returncode != 0:
        pytest.skip(f"cannot remount read-only: {remounted.stderr.strip()}")
    with pytest.raises(ReadOnlyMedia):
        refuse_read_only(data_dir)
    cli = run_coldwave("stats", "--data-dir", str(data_dir))
    assert cli.returncode == ReadOnlyMedia.exit_code, cli.stderr
    expected = translate_error(ReadOnlyMedia(READ_ONLY, path=str(data_dir)), lang="fr")
    assert cli.stderr == f"coldwave: {expected}\n"
