"""The audit log on a laptop: chained entries, the head kept apart, tampering found."""

from __future__ import annotations

import itertools

import pytest

from coldwave_app.domain.audit_chain import GENESIS, BreakKind
from coldwave_app.storage import audit_log
from coldwave_app.storage.local_store import LocalStore


@pytest.fixture
def chained(store: LocalStore) -> LocalStore:
    for n in range(4):
        audit_log.append_entry(store, action="export", detail={"n": n})
    return store  # 5 entries: the login, then 4 exports


def seqs_and_kinds(store: LocalStore) -> list[tuple[int, BreakKind]]:
    _count, breaks = audit_log.verify(store.db)
    return [(b.seq, b.kind) for b in breaks]


def test_login_is_the_first_entry_and_each_entry_links_to_the_one_before(
    chained: LocalStore,
) -> None:
    entries = audit_log.entries(chained.db, device_id=chained.device_id)
    assert [e["seq"] for e in entries] == [1, 2, 3, 4, 5]
    assert entries[0]["action"] == "login" and entries[0]["prev_hash"] == GENESIS
    assert all(b["prev_hash"] == a["hash"] for a, b in itertools.pairwise(entries))
    assert entries[1]["actor_name"] == chained.user.username
    assert audit_log.verify(chained.db) == (5, [])


def test_edited_entry_is_found(chained: LocalStore) -> None:
    chained.db.execute("UPDATE audit_entry SET action = 'login' WHERE seq = 3")
    assert seqs_and_kinds(chained) == [(3, BreakKind.EDITED)]


def test_removed_entry_is_found(chained: LocalStore) -> None:
    chained.db.execute("DELETE FROM audit_entry WHERE seq = 2")
    assert seqs_and_kinds(chained) == [(3, BreakKind.REMOVED)]


def test_reordered_entries_are_found(chained: LocalStore) -> None:
    chained.db.execute("UPDATE audit_entry SET seq = -seq WHERE seq IN (2, 3)")
    chained.db.execute("UPDATE audit_entry SET seq = 5 + seq WHERE seq < 0")
    kinds = seqs_and_kinds(chained)
    assert kinds and {k for _s, k in kinds} == {BreakKind.REORDERED}
    assert kinds[0][0] == 2


def test_cut_tail_is_found_against_the_head(chained: LocalStore) -> None:
    chained.db.execute("DELETE FROM audit_entry WHERE seq >= 4")
    assert seqs_and_kinds(chained) == [(4, BreakKind.TRUNCATED)]


def test_an_entry_after_a_cut_still_shows_the_cut(chained: LocalStore) -> None:
    chained.db.execute("DELETE FROM audit_entry WHERE seq = 5")
    audit_log.append_entry(chained, action="login")
    assert seqs_and_kinds(chained) == [(6, BreakKind.REMOVED)]


def test_a_current_campaign_not_yet_pulled_does_not_block_logging(store: LocalStore) -> None:
    store.set_meta("campaign_id", "campaign-still-on-the-server")
    entry = audit_log.append_entry(store, action="login")
    assert entry["campaign_id"] is None
    assert audit_log.verify(store.db) == (2, [])
