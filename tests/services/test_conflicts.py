"""Reviewing conflicts: listing them with base, mine and theirs, and resolving by a normal write."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.conflicts import ConflictedPair, conflicted_pair, last_seq, ship_since

from coldwave_app.domain.errors import InvalidInput, RuleViolation
from coldwave_app.services.conflicts import (
    count_open_conflicts,
    get_conflict,
    list_conflicts,
    resolve_conflict,
)


@pytest.fixture
def pair(demo_template_dir: Path, tmp_path: Path) -> Iterator[ConflictedPair]:
    built = conflicted_pair(demo_template_dir, tmp_path)
    yield built
    built.close()


def known_as(pair: ConflictedPair, which: str = "mine") -> object:
    store = pair.mine if which == "mine" else pair.other
    row = store.db.execute("SELECT known_as FROM person WHERE id = ?", [pair.person_id])
    return row.fetchone()[0]


def test_an_open_conflict_is_listed_with_base_mine_and_theirs(pair: ConflictedPair) -> None:
    listed = list_conflicts(pair.mine)
    assert len(listed) == 1 and count_open_conflicts(pair.mine) == 1
    conflict = listed[0]
    assert (conflict.table, conflict.row_id, conflict.field) == (
        "person",
        pair.person_id,
        "known_as",
    )
    assert {conflict.mine, conflict.theirs} == {"Itto (here)", "Itto (there)"}
    assert conflict.theirs == known_as(pair)  # theirs is the field's current winner
    original = pair.other.db.execute(
        "SELECT value FROM change_log WHERE row_id = ? AND op = 'insert'", [pair.person_id]
    ).fetchone()[0]
    assert conflict.has_base and conflict.base == json.loads(original).get("known_as")
    assert conflict.code  # a person is named by their beneficiary code at least
    assert conflict.status == "open"


def test_keeping_mine_is_a_normal_field_write_that_closes_the_conflict(
    pair: ConflictedPair,
) -> None:
    conflict = list_conflicts(pair.mine)[0]
    before = last_seq(pair.mine)

    closed = resolve_conflict(pair.mine, conflict_id=conflict.id, keep="mine")

    assert closed.status == "resolved"
    assert known_as(pair) == conflict.mine
    assert count_open_conflicts(pair.mine) == 0 and list_conflicts(pair.mine) == []
    logged = pair.mine.db.execute(
        "SELECT table_name, field, value, push_state FROM change_log WHERE seq > ? ORDER BY seq",
        [before],
    ).fetchall()
    assert ("person", "known_as", json.dumps(conflict.mine), "pending") in logged
    assert any(row[0] == "conflict" and row[1] == "status" for row in logged)

    # Shipped to the other laptop like any edit: same value, conflict closed there too.
    ship_since(pair.mine, pair.other, before)
    assert known_as(pair, "other") == conflict.mine
    assert count_open_conflicts(pair.other) == 0


def test_keeping_theirs_or_a_typed_value(pair: ConflictedPair) -> None:
    conflict = list_conflicts(pair.mine)[0]
    resolve_conflict(pair.other, conflict_id=conflict.id, keep="value", value="Itto Ou Ali")
    assert known_as(pair, "other") == "Itto Ou Ali"
    resolve_conflict(pair.mine, conflict_id=conflict.id, keep="theirs")
    assert known_as(pair) == conflict.theirs
    assert get_conflict(pair.mine, conflict_id=conflict.id).status == "resolved"


def test_bad_choices_are_refused_and_change_nothing(pair: ConflictedPair) -> None:
    conflict = list_conflicts(pair.mine)[0]
    before = last_seq(pair.mine)
    with pytest.raises(InvalidInput):
        resolve_conflict(pair.mine, conflict_id=conflict.id, keep="both")
    with pytest.raises(InvalidInput):
        resolve_conflict(pair.mine, conflict_id="no-such-conflict", keep="mine")
    with pytest.raises(InvalidInput):
        list_conflicts(pair.mine, limit=0)
    assert last_seq(pair.mine) == before
    resolve_conflict(pair.mine, conflict_id=conflict.id, keep="mine")
    with pytest.raises(RuleViolation):
        resolve_conflict(pair.mine, conflict_id=conflict.id, keep="theirs")
