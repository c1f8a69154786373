"""`coldwave retention`, `coldwave purge [--dry-run]`, `coldwave person export` and
`coldwave person correct`, run as real commands on the demo campaign."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

from helpers.cli import run_coldwave
from helpers.stores import ADMIN, PASSWORD

from coldwave_app.services.campaign_setup import close_campaign
from coldwave_app.storage.local_store import unlock


def _one(data_dir: Path, sql: str) -> list[object]:
    store = unlock(data_dir, username=ADMIN, password=PASSWORD)
    try:
        return list(store.db.execute(sql).fetchone())
    finally:
        store.close()


def _close(data_dir: Path) -> None:
    store = unlock(data_dir, username=ADMIN, password=PASSWORD)
    try:
        close_campaign(
            store, period_end=date(2026, 3, 1), closed_at=datetime(2026, 3, 2, tzinfo=UTC)
        )
    finally:
        store.close()


def test_purge_refuses_an_open_campaign(demo_data_dir: Path) -> None:
    result = run_coldwave("purge", "--dry-run", "--data-dir", str(demo_data_dir), "--user", ADMIN)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


def test_dry_run_shows_counts_without_names_then_purge_clears_them(demo_data_dir: Path) -> None:
    (name,) = _one(
        demo_data_dir, "SELECT given_name_latn FROM person WHERE given_name_latn IS NOT NULL"
    )
    _close(demo_data_dir)
    common = ("--data-dir", str(demo_data_dir), "--user", ADMIN)
    kept = run_coldwave("retention", "--days", "30", *common)
    assert kept.returncode == 0, kept.stderr
    dry = run_coldwave("purge", "--dry-run", *common)
    assert dry.returncode == 0, dry.stderr
    lines = dict(line.split("\t") for line in dry.stdout.splitlines() if "\t" in line)
    assert int(lines["person"]) > 100 and int(lines["case_note"]) > 0
    assert str(name) not in dry.stdout
    assert _one(demo_data_dir, f"SELECT count(*) FROM person WHERE given_name_latn = '{name}'")[0]

    done = run_coldwave("purge", *common)
    assert done.returncode == 0, done.stderr
    left = _one(demo_data_dir, "SELECT count(*) FROM person WHERE given_name_latn IS NOT NULL")
    assert left == [0]


def test_person_export_holds_their_records_and_is_audited(
    demo_data_dir: Path, tmp_path: Path
) -> None:
    person_id, name = _one(
        demo_data_dir,
        "SELECT p.id, p.given_name_latn FROM person p JOIN stay s ON s.person_id = p.id "
        "JOIN case_file c ON c.person_id = p.id WHERE p.given_name_latn IS NOT NULL LIMIT 1",
    )
    out = tmp_path / "person.json"
    result = run_coldwave(
        "person", "export", "--person", str(person_id), "--out", str(out),
        "--data-dir", str(demo_data_dir), "--user", ADMIN,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    export = json.loads(out.read_text(encoding="utf-8"))
    assert export["person"]["given_name_latn"] == name
    assert {"stay", "bed_night", "case_file", "consent"} <= set(export["records"])
    assert all(r["person_id"] == person_id for r in export["records"]["stay"])
    logged = _one(
        demo_data_dir,
        f"SELECT count(*) FROM audit_entry WHERE action = 'subject_access_export' "
        f"AND row_id = '{person_id}'",
    )
    assert logged == [1]


def test_person_correct_changes_the_field_and_is_audited(demo_data_dir: Path) -> None:
    (person_id,) = _one(demo_data_dir, "SELECT id FROM person LIMIT 1")
    result = run_coldwave(
        "person", "correct", "--person", str(person_id), "--field", "family_name_latn",
        "--value", "Ait Ouahmane", "--data-dir", str(demo_data_dir), "--user", ADMIN,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert _one(demo_data_dir, f"SELECT family_name_latn FROM person WHERE id = '{person_id}'") == [
        "Ait Ouahmane"
    ]
    refused = run_coldwave(
        "person", "correct", "--person", str(person_id), "--field", "beneficiary_code",
        "--value", "X", "--data-dir", str(demo_data_dir), "--user", ADMIN,
    )  # fmt: skip
    assert refused.returncode == 2
    audited = _one(
        demo_data_dir, "SELECT count(*) FROM audit_entry WHERE action = 'subject_correction'"
    )
    assert audited == [1]
