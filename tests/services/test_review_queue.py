"""Review items pulled from the server are decided by a lead, once, as a synced update."""

from __future__ import annotations

import json

import pytest

from coldwave_app.domain.errors import InvalidInput
from coldwave_app.services.review_queue import (
    decide_review_item,
    open_review_counts,
    review_items,
)
from coldwave_app.storage.local_store import LocalStore


def _finding(store: LocalStore, kind: str = "double_serving") -> str:
    persons = [r[0] for r in store.db.execute("SELECT id FROM person LIMIT 2")]
    row = store.writer().insert(
        "review_item",
        {
            "kind": kind,
            "subject_table": "person",
            "subject_id": persons[0],
            "other_id": persons[1],
            "detail": json.dumps({"rule": "one kit per household"}),
            "status": "open",
        },
    )
    return str(row["id"])


def test_open_item_is_listed_then_decided_and_logged(demo_store: LocalStore) -> None:
    item_id = _finding(demo_store)
    assert open_review_counts(demo_store)["double_serving"] == 1
    [item] = review_items(demo_store, kind="double_serving")
    assert item.id == item_id and item.detail == {"rule": "one kit per household"}
    decide_review_item(demo_store, item_id=item_id, decision="dismissed", note=" checked ")
    assert open_review_counts(demo_store)["double_serving"] == 0
    [decided] = review_items(demo_store, status="dismissed")
    assert decided.status == "dismissed"
    logged = demo_store.db.execute(
        "SELECT count(*) FROM change_log WHERE table_name = 'review_item' AND row_id = ?",
        [item_id],
    ).fetchone()[0]
    assert logged >= 2  # the insert and the decision both sync


def test_an_item_is_decided_once(demo_store: LocalStore) -> None:
    item_id = _finding(demo_store, "likely_duplicate")
    decide_review_item(demo_store, item_id=item_id, decision="confirmed")
    with pytest.raises(InvalidInput):
        decide_review_item(demo_store, item_id=item_id, decision="dismissed")


@pytest.mark.parametrize(("item", "decision"), [("nope", "confirmed"), (None, "maybe")])
def test_bad_decisions_are_refused(demo_store: LocalStore, item: str | None, decision: str) -> None:
    item_id = item or _finding(demo_store)
    with pytest.raises(InvalidInput):
        decide_review_item(demo_store, item_id=item_id, decision=decision)
    if item is None:
        assert open_review_counts(demo_store)["double_serving"] == 1
