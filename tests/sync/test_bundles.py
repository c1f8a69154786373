"""Sync by USB stick: laptop bundle -> `coldwave-server bundle import` -> reply -> laptop.

The laptops are enrolled through a running server, which then stops: from then on
only files travel, imported at the office by the server's CLI on the same data dir.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.field_devices import Fleet, enrol_fleet
from helpers.stores import PASSWORD
from helpers.sync_server import server_cli

from coldwave_app.domain.errors import ColdwaveError
from coldwave_app.services.bundle_service import export_bundle, import_reply
from coldwave_app.storage.digest import pending_changes, record_counts, state_digest
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.sync.bundle_format import ALTERED

ENV = {**os.environ, "COLDWAVE_PASSWORD": PASSWORD, "COLDWAVE_LANG": "fr"}


def offline_fleet(start_server, database_url, template_dir: Path, root: Path) -> Fleet:  # type: ignore[no-untyped-def]
    server = start_server(database_url=database_url)
    fleet = enrol_fleet(
        server=server, database_url=database_url, template_dir=template_dir, root=root, count=2
    )
    server.stop()  # from now on, only files travel
    return fleet


@pytest.fixture
def fleet(start_server, template_dir: Path, tmp_path: Path) -> Iterator[Fleet]:  # type: ignore[no-untyped-def]
    built = offline_fleet(start_server, None, template_dir, tmp_path)
    yield built
    built.close()


def add_person(store: LocalStore, name: str) -> str:
    row = store.writer().insert(
        "person",
        {"name_quality": "full", "sex": "f", "dob_quality": "unknown",
         "beneficiary_code": f"P-{name}", "known_as": name},
    )  # fmt: skip
    return str(row["id"])


def server_import(fleet: Fleet, bundle: Path, reply: Path) -> subprocess.CompletedProcess[str]:
    return server_cli(
        "bundle", "import", str(bundle), "--out", str(reply),
        data_dir=fleet.server.data_dir, database_url=fleet.database_url,
    )  # fmt: skip


def round_trip(fleet: Fleet, n: int, folder: Path, name: str) -> tuple[Path, Path, str]:
    """Export laptop n, import at the server, import the reply: (bundle, reply, server line)."""
    bundle, reply = folder / f"{name}.cwb", folder / f"{name}-reply.cwb"
    export_bundle(fleet.devices[n], bundle)
    done = server_import(fleet, bundle, reply)
    assert done.returncode == 0, done.stderr
    import_reply(fleet.devices[n], reply)
    return bundle, reply, done.stdout


def test_two_offline_laptops_meet_through_bundles(fleet: Fleet, tmp_path: Path) -> None:
    a, b = fleet.devices
    for k in range(4):
        add_person(a, f"a{k}")
    add_person(b, "Itto")
    _bundle, _reply, line = round_trip(fleet, 0, tmp_path, "a1")
    assert "accepted 4" in line and "rejected 0" in line
    assert pending_changes(a.db) == 0
    round_trip(fleet, 1, tmp_path, "b1")  # b sends Itto, receives a's four
    assert record_counts(b.db)["person"] == 5
    round_trip(fleet, 0, tmp_path, "a2")  # a receives Itto
    assert record_counts(a.db)["person"] == 5
    assert state_digest(a.db) == state_digest(b.db)
    assert pending_changes(b.db) == 0


def test_replaying_a_bundle_and_a_reply_changes_nothing(fleet: Fleet, tmp_path: Path) -> None:
    a, b = fleet.devices
    for k in range(3):
        add_person(a, f"r{k}")
    bundle, reply = tmp_path / "a.cwb", tmp_path / "a-reply.cwb"
    export_bundle(a, bundle)
    first = server_import(fleet, bundle, reply)
    assert first.returncode == 0, first.stderr
    again = server_import(fleet, bundle, tmp_path / "again-reply.cwb")
    assert again.returncode == 0, again.stderr
    assert "accepted 0" in again.stdout and "duplicates 3" in again.stdout
    import_reply(a, reply)
    before = state_digest(a.db)
    summary = import_reply(a, reply)
    assert summary.applied == 0 and summary.conflicts == 0
    assert state_digest(a.db) == before
    round_trip(fleet, 1, tmp_path, "b")
    assert record_counts(b.db)["person"] == 3  # stored once, despite the replay
    digest_b = state_digest(b.db)
    import_reply(b, tmp_path / "b-reply.cwb")
    assert state_digest(b.db) == digest_b


def test_a_tampered_bundle_is_refused_and_nothing_is_stored(fleet: Fleet, tmp_path: Path) -> None:
    a, b = fleet.devices
    add_person(a, "Tampered")
    bundle = tmp_path / "a.cwb"
    export_bundle(a, bundle)
    data = bytearray(bundle.read_bytes())
    data[len(data) // 2] ^= 0x01
    damaged = tmp_path / "damaged.cwb"
    damaged.write_bytes(bytes(data))
    refused = server_import(fleet, damaged, tmp_path / "reply.cwb")
    assert refused.returncode != 0
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    assert "altered" in refused.stderr
    assert not (tmp_path / "reply.cwb").exists()
    round_trip(fleet, 1, tmp_path, "b")
    assert record_counts(b.db)["person"] == 0  # the tampered bundle stored nothing


def test_a_tampered_or_foreign_reply_is_refused_by_the_laptop(fleet: Fleet, tmp_path: Path) -> None:
    a, b = fleet.devices
    add_person(a, "Foreign")
    _bundle, reply, _line = round_trip(fleet, 0, tmp_path, "a")
    before = state_digest(b.db)
    with pytest.raises(ColdwaveError) as refused:
        import_reply(b, reply)  # a's reply, carried to b by mistake
    assert refused.value.msgid == ALTERED
    data = bytearray(reply.read_bytes())
    data[-10] ^= 0x01
    reply.write_bytes(bytes(data))
    with pytest.raises(ColdwaveError) as refused:
        import_reply(a, reply)
    assert refused.value.msgid == ALTERED
    assert state_digest(b.db) == before


def test_a_laptop_export_is_not_a_reply_and_a_reply_is_not_an_export(
    fleet: Fleet, tmp_path: Path
) -> None:
    a, _b = fleet.devices
    bundle, reply, _line = round_trip(fleet, 0, tmp_path, "a")
    with pytest.raises(ColdwaveError):
        import_reply(a, bundle)
    refused = server_import(fleet, reply, tmp_path / "x.cwb")
    assert refused.returncode != 0 and refused.stderr.count("\n") == 1


def test_a_revoked_laptop_bundle_is_refused(fleet: Fleet, tmp_path: Path) -> None:
    a, _b = fleet.devices
    add_person(a, "Revoked")
    bundle = tmp_path / "a.cwb"
    export_bundle(a, bundle)
    revoked = server_cli(
        "device", "revoke", a.device_id,
        data_dir=fleet.server.data_dir, database_url=fleet.database_url,
    )  # fmt: skip
    assert revoked.returncode == 0, revoked.stderr
    refused = server_import(fleet, bundle, tmp_path / "reply.cwb")
    assert refused.returncode != 0
    assert "revoked" in refused.stderr and refused.stderr.count("\n") == 1


def test_server_cli_errors_are_one_line(fleet: Fleet, tmp_path: Path) -> None:
    missing = server_import(fleet, tmp_path / "missing.cwb", tmp_path / "r.cwb")
    junk = tmp_path / "junk.cwb"
    junk.write_text("not a bundle at all, just some text " * 5)
    not_bundle = server_import(fleet, junk, tmp_path / "r.cwb")
    for result in (missing, not_bundle):
        assert result.returncode != 0
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "not a coldwave bundle" in not_bundle.stderr


def coldwave(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coldwave_app.cli", *args],
        capture_output=True, text=True, env=ENV, timeout=120,
    )  # fmt: skip


def test_laptop_cli_round_trip_and_errors(fleet: Fleet, tmp_path: Path) -> None:
    a, _b = fleet.devices
    add_person(a, "Cli")
    data_dir = str(a.data_dir)
    a.close()
    bundle, reply = tmp_path / "a.cwb", tmp_path / "a-reply.cwb"
    exported = coldwave("bundle", "export", "--out", str(bundle), "--data-dir", data_dir)
    assert exported.returncode == 0, exported.stderr
    assert server_import(fleet, bundle, reply).returncode == 0
    imported = coldwave("bundle", "import", str(reply), "--data-dir", data_dir)
    assert imported.returncode == 0, imported.stderr
    for args in (
        ("bundle", "import", str(bundle), "--data-dir", data_dir),  # wrong direction
        ("bundle", "import", str(tmp_path / "missing.cwb"), "--data-dir", data_dir),
    ):
        result = coldwave(*args)
        assert result.returncode == 2, result.stderr
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    data = bytearray(reply.read_bytes())
    data[30] ^= 0x01
    reply.write_bytes(bytes(data))
    tampered = coldwave("bundle", "import", str(reply), "--data-dir", data_dir)
    assert tampered.returncode == 2 and tampered.stderr.count("\n") == 1


def test_bundles_on_postgresql(
    start_server,
    postgres_url: str,
    template_dir: Path,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    fleet = offline_fleet(start_server, postgres_url, template_dir, tmp_path)
    try:
        a, b = fleet.devices
        add_person(a, "Pg")
        bundle, _reply, _line = round_trip(fleet, 0, tmp_path, "a")
        assert server_import(fleet, bundle, tmp_path / "again.cwb").returncode == 0
        round_trip(fleet, 1, tmp_path, "b")
        assert record_counts(b.db)["person"] == 1
        assert state_digest(a.db) == state_digest(b.db)
    finally:
        fleet.close()
