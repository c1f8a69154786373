"""Merging changes from other replicas: LWW per field, conflicts kept, replays harmless."""

from __future__ import annotations

import dataclasses
import itertools
import json
from pathlib import Path

import pytest
from helpers.replicas import local_changes, make_replica, ship

from coldwave_app.storage.digest import state_digest
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.storage.merge import Merger


@pytest.fixture
def trio(template_dir: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    stores = [make_replica(template_dir, tmp_path / name) for name in "abc"]
    a = stores[0]
    campaign = a.writer().insert(
        "campaign", {"name": "Hiver", "province_code": "05.301", "period_start": "2025-11-17"}
    )
    for s in stores:
        s.set_meta("campaign_id", campaign["id"])
    person = a.writer().insert(
        "person",
        {
            "name_quality": "full",
            "sex": "f",
            "dob_quality": "unknown",
            "beneficiary_code": "P-1",
            "known_as": "Hadda",
        },
    )
    for other in stores[1:]:
        ship(a, other)
    yield stores, str(person["id"])
    for s in stores:
        s.close()


def conflicts(store: LocalStore) -> list[tuple[str, str, str]]:
    return store.db.execute(
        "SELECT field, mine_value, theirs_value FROM conflict WHERE status = 'open' ORDER BY id"
    ).fetchall()


def value(store: LocalStore, person_id: str, field: str = "known_as") -> object:
    return store.db.execute(f"SELECT {field} FROM person WHERE id = ?", [person_id]).fetchone()[0]


def test_replaying_the_same_changes_changes_nothing(trio) -> None:  # type: ignore[no-untyped-def]
    (a, b, _c), _pid = trio
    before = state_digest(b.db)
    counts = ship(a, b)
    assert counts.applied == 0 and counts.duplicates > 0
    assert state_digest(b.db) == before


def test_later_edit_wins_on_every_replica(trio) -> None:  # type: ignore[no-untyped-def]
    (a, b, c), pid = trio
    b.writer().update("person", pid, {"known_as": "Haddou"})
    ship(b, a)
    a.writer().update("person", pid, {"known_as": "Hadda Ou Ali"})  # saw b's edit
    ship(a, b)
    ship(a, c)
    ship(b, c)
    assert {value(s, pid) for s in (a, b, c)} == {"Hadda Ou Ali"}
    assert all(conflicts(s) == [] for s in (a, b, c))


def test_concurrent_edits_of_one_field_keep_the_loser_as_a_conflict(trio) -> None:  # type: ignore[no-untyped-def]
    (a, b, c), pid = trio
    a.writer().update("person", pid, {"known_as": "from a"})
    b.writer().update("person", pid, {"known_as": "from b"})
    ship(a, b)
    ship(b, a)
    ship(a, c)
    ship(b, c)
    winner = value(a, pid)
    assert winner == "from b"  # b's stamp is later
    assert {value(s, pid) for s in (a, b, c)} == {winner}
    for s in (a, b, c):
        assert conflicts(s) == [("known_as", json.dumps("from a"), json.dumps("from b"))]
    assert len({state_digest(s.db) for s in (a, b, c)}) == 1


def test_concurrent_edits_of_different_fields_both_land(trio) -> None:  # type: ignore[no-untyped-def]
    (a, b, _c), pid = trio
    a.writer().update("person", pid, {"known_as": "Itto"})
    b.writer().update("person", pid, {"phone": "0612345678"})
    ship(a, b)
    ship(b, a)
    for s in (a, b):
        assert (value(s, pid), value(s, pid, "phone")) == ("Itto", "0612345678")
        assert conflicts(s) == []


def test_three_concurrent_writers_converge_in_any_arrival_order(
    template_dir: Path, tmp_path: Path
) -> None:
    writers = [make_replica(template_dir, tmp_path / f"w{n}") for n in range(3)]
    campaign = (
        writers[0]
        .writer()
        .insert("campaign", {"name": "H", "province_code": "05.301", "period_start": "2025-11-17"})
    )
    for w in writers:
        w.set_meta("campaign_id", campaign["id"])
    person = (
        writers[0]
        .writer()
        .insert(
            "person",
            {
                "name_quality": "full",
                "sex": "m",
                "dob_quality": "unknown",
                "beneficiary_code": "P-9",
            },
        )
    )
    base = local_changes(writers[0])
    for w in writers[1:]:
        Merger(w.db, catalog=w.catalog, clock=w.clock).apply_page(base)
    for n, w in enumerate(writers):
        w.writer().update("person", str(person["id"]), {"known_as": f"name {n}"})
    edits = [local_changes(w)[-1] for w in writers]
    digests = set()
    for order in itertools.permutations(range(3)):
        target = make_replica(template_dir, tmp_path / f"r{''.join(map(str, order))}")
        merger = Merger(target.db, catalog=target.catalog, clock=target.clock)
        merger.apply_page(base)
        for n in order:
            merger.apply_page([edits[n]])
        assert value(target, str(person["id"])) == "name 2"
        assert len(conflicts(target)) == 2
        digests.add(state_digest(target.db))
        target.close()
    assert len(digests) == 1
    for w in writers:
        w.close()


def test_a_tombstone_from_another_replica_deletes_the_record(trio) -> None:  # type: ignore[no-untyped-def]
    (a, b, _c), pid = trio
    a.writer().delete("person", pid)
    ship(a, b)
    assert value(b, pid, "deleted") == 1


def test_events_from_two_replicas_never_conflict(trio) -> None:  # type: ignore[no-untyped-def]
    (a, b, _c), pid = trio
    a.writer().insert("encounter", {"occurred_at": "2025-12-01T21:00", "person_id": pid})
    b.writer().insert("encounter", {"occurred_at": "2025-12-01T21:05", "person_id": pid})
    ship(a, b)
    ship(b, a)
    for s in (a, b):
        assert s.db.execute("SELECT count(*) FROM encounter").fetchone()[0] == 2
        assert conflicts(s) == []
    assert state_digest(a.db) == state_digest(b.db)


def test_merge_moves_the_clock_past_remote_stamps(trio) -> None:  # type: ignore[no-untyped-def]
    (a, b, _c), pid = trio
    a.writer().update("person", pid, {"known_as": "x"})
    remote = local_changes(a)[-1].hlc
    ship(a, b)
    assert b.clock.now() > remote


def test_a_bad_change_in_a_page_is_quarantined_and_the_rest_lands(trio) -> None:  # type: ignore[no-untyped-def]
    (a, b, _c), _pid = trio
    since = int(a.db.execute("SELECT max(seq) FROM change_log").fetchone()[0])
    first = a.writer().insert(
        "person",
        {"name_quality": "full", "sex": "m", "dob_quality": "unknown", "beneficiary_code": "P-A"},
    )
    second = a.writer().insert(
        "person",
        {"name_quality": "full", "sex": "f", "dob_quality": "unknown", "beneficiary_code": "P-B"},
    )
    good = local_changes(a, since_seq=since)
    bad = dataclasses.replace(
        good[0], change_id="00000000-0000-7000-8000-0000000000bb", op="update",
        row_id="no-such-row", field="known_as", value="X",
    )  # fmt: skip
    counts = Merger(b.db, catalog=b.catalog, clock=b.clock).apply_page([good[0], bad, *good[1:]])
    assert counts.quarantined == 1 and counts.applied == len(good)
    assert value(b, str(first["id"]), "beneficiary_code") == "P-A"
    assert value(b, str(second["id"]), "beneficiary_code") == "P-B"
    assert b.db.execute("SELECT count(*) FROM quarantine").fetchone()[0] == 1
