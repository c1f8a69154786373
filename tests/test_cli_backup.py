"""`coldwave backup|restore|diagnostics`, and a device log that never holds personal data."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from helpers.cli import run_coldwave
from helpers.stores import ADMIN, PASSWORD

from coldwave_app.domain.errors import AuthenticationFailed
from coldwave_app.logging_setup import configure_logging, log_path, stop_logging
from coldwave_app.services.campaign_setup import create_campaign
from coldwave_app.services.people import register_person
from coldwave_app.storage.local_store import unlock

NAMES = ("Fadma", "Oubella", "فاطمة", "AB123456", "0661234567")


def _with_people(data_dir: Path) -> None:
    store = unlock(data_dir, username=ADMIN, password=PASSWORD)
    create_campaign(store, name="Hiver", province_code="05.301", period_start=date(2025, 11, 17))
    register_person(store, sex="f", given_name_latn="Fadma", family_name_latn="Oubella",
                    given_name_ar="فاطمة", cin="AB123456", phone="0661234567",
                    birth_year=1970)  # fmt: skip
    store.close()


def test_backup_restore_and_diagnostics_from_the_command_line(
    data_dir: Path, tmp_path: Path
) -> None:
    _with_people(data_dir)
    out = tmp_path / "season.cwbackup"
    made = run_coldwave("backup", "--data-dir", str(data_dir), "--out", str(out))
    assert made.returncode == 0, made.stderr
    assert out.read_bytes()[:15] != b"SQLite format 3"
    again = run_coldwave("backup", "--data-dir", str(data_dir), "--out", str(out))
    assert again.returncode == 2  # never overwrites a file
    restored = run_coldwave("restore", "--data-dir", str(data_dir), str(out))
    assert restored.returncode == 0, restored.stderr
    neither = run_coldwave("restore", "--data-dir", str(data_dir))
    assert neither.returncode == 2 and "Traceback" not in neither.stderr
    report = run_coldwave("diagnostics", "--data-dir", str(data_dir))
    assert report.returncode == 0, report.stderr
    assert "sqlcipher" in report.stdout and "person: 1" in report.stdout
    assert "command restore done" in report.stdout  # the last log lines
    assert "sync_token" not in report.stdout or "<hidden>" in report.stdout
    for text in NAMES:
        assert text not in report.stdout
    log_text = log_path(data_dir).read_text("utf-8")
    for text in NAMES:
        assert text not in log_text


def test_the_log_filter_keeps_names_cin_and_phones_out(tmp_path: Path) -> None:
    path = configure_logging(tmp_path)
    assert path is not None
    log = logging.getLogger("coldwave.test")
    try:
        log.info("registered %s %s (cin %s, phone %s), id %s, %d kits",
                 "Fadma", "Oubella", "AB123456", "0661234567",
                 "0193a3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b", 3)  # fmt: skip
        log.warning("free text with فاطمة and AB123456 and +212 661 23 45 67")
        try:
            raise AuthenticationFailed("No user named {user} on this laptop.", user="Fadma")
        except AuthenticationFailed:
            log.exception("login failed")
    finally:
        stop_logging(tmp_path)
    text = path.read_text("utf-8")
    for secret in (*NAMES, "661 23 45 67"):
        assert secret not in text
    assert "0193a3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b" in text and "3 kits" in text
    assert "AuthenticationFailed [No user named {user} on this laptop.]" in text
