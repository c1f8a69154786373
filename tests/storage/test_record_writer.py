"""Every local write lands together with its change-log (outbox) rows, or not at all."""

from __future__ import annotations

import json

import pytest

from coldwave_app.domain.errors import InvalidInput
from coldwave_app.domain.hlc import Stamp
from coldwave_app.storage import digest
from coldwave_app.storage import record_writer as record_writer_module
from coldwave_app.storage.local_store import LocalStore


def outbox(store: LocalStore) -> list[dict[str, object]]:
    cursor = store.db.execute("SELECT * FROM outbox ORDER BY seq")
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def new_campaign(store: LocalStore) -> str:
    row = store.writer().insert(
        "campaign", {"name": "Hiver", "province_code": "05.301", "period_start": "2025-11-17"}
    )
    store.set_meta("campaign_id", row["id"])
    return str(row["id"])


def person(store: LocalStore, **values: object) -> dict[str, object]:
    base = {"name_quality": "full", "sex": "f", "dob_quality": "unknown", "beneficiary_code": "P-1"}
    return store.writer().insert("person", {**base, **values})


def test_insert_writes_the_row_and_one_pending_change_with_its_content(store: LocalStore) -> None:
    new_campaign(store)
    before = len(outbox(store))
    row = person(store, given_name_ar="فاطمة")
    changes = outbox(store)[before:]
    assert len(changes) == 1
    change = changes[0]
    assert (change["table_name"], change["row_id"], change["op"]) == ("person", row["id"], "insert")
    assert json.loads(str(change["value"]))["given_name_ar"] == "فاطمة"
    assert change["hlc"] == row["hlc"]
    assert change["device_id"] == store.device_id and change["user_id"] == store.user.id


def test_a_failed_insert_leaves_neither_row_nor_change(store: LocalStore) -> None:
    new_campaign(store)
    before = len(outbox(store))
    with pytest.raises(Exception, match="FOREIGN KEY"):
        store.writer().insert(
            "household", {"head_person_id": "no-such-person", "beneficiary_code": "H-1"}
        )
    assert len(outbox(store)) == before
    assert store.db.execute("SELECT count(*) FROM household").fetchone()[0] == 0


def test_a_failed_change_log_write_rolls_back_the_row(
    store: LocalStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    new_campaign(store)
    existing_change = outbox(store)[0]["change_id"]
    # Force the change id to collide with an existing one: the UNIQUE constraint fails.
    monkeypatch.setattr(record_writer_module, "new_id", lambda: existing_change)
    with pytest.raises(Exception, match="UNIQUE"):
        store.writer().insert(
            "person",
            {
                "id": "p-fixed",
                "name_quality": "full",
                "sex": "m",
                "dob_quality": "unknown",
                "beneficiary_code": "P-2",
            },
        )
    assert store.db.execute("SELECT count(*) FROM person").fetchone()[0] == 0


def test_a_unit_of_several_writes_rolls_back_whole(store: LocalStore) -> None:
    new_campaign(store)
    before = len(outbox(store))
    with pytest.raises(RuntimeError), store.db.atomic():
        person(store)
        person(store)
        raise RuntimeError("power cut")
    assert len(outbox(store)) == before
    assert store.db.execute("SELECT count(*) FROM person").fetchone()[0] == 0


def test_update_records_each_field_with_the_stamp_the_editor_saw(store: LocalStore) -> None:
    new_campaign(store)
    row = person(store)
    writer = store.writer()
    writer.update("person", str(row["id"]), {"known_as": "Hadda", "phone": "0600000000"})
    first = outbox(store)[-2:]
    assert {c["field"] for c in first} == {"known_as", "phone"}
    assert all(c["base_hlc"] == row["hlc"] for c in first)
    writer.update("person", str(row["id"]), {"known_as": "Haddou"})
    second = outbox(store)[-1]
    known_as_first = next(c for c in first if c["field"] == "known_as")
    assert second["base_hlc"] == known_as_first["hlc"]
    assert Stamp.decode(str(second["hlc"])) > Stamp.decode(str(known_as_first["hlc"]))
    clock = store.db.execute(
        "SELECT hlc FROM field_clock WHERE row_id = ? AND field = 'known_as'", [row["id"]]
    ).fetchone()[0]
    assert clock == second["hlc"]


def test_update_with_an_old_view_keeps_that_view_as_the_base(store: LocalStore) -> None:
    new_campaign(store)
    row = person(store)
    store.writer().update("person", str(row["id"]), {"known_as": "A"})
    store.writer().update(
        "person", str(row["id"]), {"known_as": "B"}, seen={"known_as": str(row["hlc"])}
    )
    assert outbox(store)[-1]["base_hlc"] == row["hlc"]


def test_delete_is_a_tombstone_that_syncs(store: LocalStore) -> None:
    new_campaign(store)
    row = person(store)
    store.writer().delete("person", str(row["id"]))
    assert (
        store.db.execute("SELECT deleted FROM person WHERE id = ?", [row["id"]]).fetchone()[0] == 1
    )
    change = outbox(store)[-1]
    assert (change["op"], change["field"], json.loads(str(change["value"]))) == (
        "update",
        "deleted",
        1,
    )


def test_events_cannot_be_updated_only_corrected(store: LocalStore) -> None:
    new_campaign(store)
    encounter = store.writer().insert(
        "encounter", {"occurred_at": "2025-12-01T22:00", "anon_sex": "m"}
    )
    with pytest.raises(ValueError, match="append-only"):
        store.writer().update("encounter", str(encounter["id"]), {"note": "x"})
    with pytest.raises(InvalidInput):
        store.writer().correct("encounter", str(encounter["id"]), kind="void", reason="  ")
    void = store.writer().correct(
        "encounter", str(encounter["id"]), kind="void", reason="typed twice"
    )
    assert void["corrects_id"] == encounter["id"]
    assert digest.record_counts(store.db)["encounter"] == 0


def test_an_amended_event_counts_once_with_its_new_values(store: LocalStore) -> None:
    new_campaign(store)
    encounter = store.writer().insert(
        "encounter", {"occurred_at": "2025-12-01T22:00", "anon_sex": "m"}
    )
    amended = store.writer().correct(
        "encounter",
        str(encounter["id"]),
        kind="amend",
        reason="was a woman",
        values={"anon_sex": "f"},
    )
    assert amended["anon_sex"] == "f"
    assert digest.record_counts(store.db)["encounter"] == 1


def test_unknown_tables_and_fields_are_refused(store: LocalStore) -> None:
    new_campaign(store)
    with pytest.raises(ValueError):
        store.writer().insert("sqlite_master", {})
    with pytest.raises(ValueError):
        store.writer().insert("person", {"not_a_column": 1})
    with pytest.raises(ValueError):
        store.writer().insert("person", {"hlc": "forged"})


def test_update_of_a_missing_record_is_a_clear_error(store: LocalStore) -> None:
    new_campaign(store)
    with pytest.raises(InvalidInput):
        store.writer().update("person", "nope", {"known_as": "x"})


def test_state_digest_ignores_arrival_order_but_not_content(store: LocalStore) -> None:
    new_campaign(store)
    a = digest.state_digest(store.db)
    row = person(store)
    b = digest.state_digest(store.db)
    store.writer().update("person", str(row["id"]), {"known_as": "x"})
    c = digest.state_digest(store.db)
    assert len({a, b, c}) == 3
