"""The audit hash chain: each kind of tampering is found and placed."""

from __future__ import annotations

from typing import Any

from coldwave_app.domain.audit_chain import (
    GENESIS,
    BreakKind,
    ChainBreak,
    entry_hash,
    verify_chains,
    verify_device_chain,
)


def chain(n: int, device: str = "dev-a") -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    prev = GENESIS
    for seq in range(1, n + 1):
        entry: dict[str, Any] = {
            "id": f"{device}-{seq}",
            "device_id": device,
            "seq": seq,
            "action": "login",
            "at": f"2026-01-0{seq}T08:00:00",
            "stamp": f"stamp-{seq}",
            "prev_hash": prev,
        }
        entry["hash"] = entry_hash(entry, prev)
        prev = entry["hash"]
        entries.append(entry)
    return entries


def head(entries: list[dict[str, Any]]) -> tuple[int, str]:
    return (entries[-1]["seq"], entries[-1]["hash"])


def test_an_untouched_chain_has_no_break() -> None:
    entries = chain(5)
    assert verify_device_chain("dev-a", entries, head(entries)) == []


def test_an_edited_entry_is_named() -> None:
    entries = chain(5)
    entries[2]["action"] = "export"
    assert verify_device_chain("dev-a", entries, head(entries)) == [
        ChainBreak("dev-a", 3, BreakKind.EDITED)
    ]


def test_a_removed_entry_is_named_by_the_one_after_it() -> None:
    entries = chain(5)
    recorded = head(entries)
    del entries[1]
    assert verify_device_chain("dev-a", entries, recorded) == [
        ChainBreak("dev-a", 3, BreakKind.REMOVED)
    ]


def test_swapped_entries_are_out_of_order() -> None:
    entries = chain(5)
    entries[1]["seq"], entries[2]["seq"] = 3, 2
    breaks = verify_device_chain("dev-a", entries, head(entries))
    assert {b.kind for b in breaks} == {BreakKind.REORDERED}
    # The links into 2, 3 and the entry after them no longer follow.
    assert [b.seq for b in breaks] == [2, 3, 4]


def test_a_cut_tail_is_found_against_the_recorded_head() -> None:
    entries = chain(5)
    recorded = head(entries)
    assert verify_device_chain("dev-a", entries[:3], recorded) == [
        ChainBreak("dev-a", 4, BreakKind.TRUNCATED)
    ]


def test_chains_of_several_devices_are_checked_apart() -> None:
    a, b = chain(3, "dev-a"), chain(2, "dev-b")
    b[0]["detail"] = "changed"
    assert verify_chains(a + b, {"dev-a": head(a)}) == [ChainBreak("dev-b", 1, BreakKind.EDITED)]
