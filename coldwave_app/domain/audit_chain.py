"""The hash chain of the audit log: canonical encoding, entry hash, chain check.

Each device keeps its own chain. An entry's hash is SHA-256 over a canonical
encoding (sorted-key compact JSON) of its content and the hash of the entry
before it; the first entry of a device follows `GENESIS`. The order of a chain is
fixed by those links; `seq` (1, 2, 3, ...) only numbers the entries so a break can
be named "device D, entry N". The latest (seq, hash) of each device, its head, is
kept apart from the entries (the device row, the server) so that cutting the tail
shows.

Shared by the client and the server (stdlib only). Hazard: a hash chain without a
secret proves order and integrity against someone who edits rows by hand, not
against someone who recomputes every hash after an edit; the copy on the server
and the head held there are what make a rewritten chain visible.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

GENESIS = "0" * 64

# The fields covered by an entry's hash (besides the previous hash). `seq` is left
# out on purpose: order is proven by the links, and a renumbering shows as a reorder.
HASHED_FIELDS = (
    "id",
    "campaign_id",
    "device_id",
    "actor_id",
    "actor_name",
    "action",
    "table_name",
    "row_id",
    "detail",
    "at",
    "stamp",
)


class BreakKind(StrEnum):
    EDITED = "edited"
    REMOVED = "removed"
    REORDERED = "reordered"
    TRUNCATED = "truncated"


@dataclass(frozen=True)
class ChainBreak:
    """Where a chain stops being trustworthy: the device and the entry number."""

    device_id: str
    seq: int
    kind: BreakKind


def canonical(entry: Mapping[str, Any], prev_hash: str) -> bytes:
    content = {name: entry.get(name) for name in HASHED_FIELDS}
    content["prev_hash"] = prev_hash
    return json.dumps(content, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode(
        "utf-8"
    )


def entry_hash(entry: Mapping[str, Any], prev_hash: str) -> str:
    return hashlib.sha256(canonical(entry, prev_hash)).hexdigest()


def format_head(seq: int, digest: str) -> str:
    return f"{seq}:{digest}"


def parse_head(text: str | None) -> tuple[int, str] | None:
    """The (seq, hash) of a stored head, or None when absent or unreadable."""
    if not text or ":" not in text:
        return None
    seq, _, digest = text.partition(":")
    return (int(seq), digest) if seq.isdigit() else None


def verify_device_chain(
    device_id: str, entries: Sequence[Mapping[str, Any]], head: tuple[int, str] | None
) -> list[ChainBreak]:
    """Every break in one device's chain; empty when the chain is whole.

    `entries` are that device's entries in any order (they are sorted by seq);
    `head` is the (seq, hash) recorded apart from them, if any.
    """
    ordered = sorted(entries, key=lambda e: int(e["seq"]))
    hashes = {str(e["hash"]) for e in ordered}
    breaks: list[ChainBreak] = []
    expected_prev = GENESIS
    expected_seq = 1
    for entry in ordered:
        seq = int(entry["seq"])
        stored = str(entry["hash"])
        prev = str(entry["prev_hash"])
        if entry_hash(entry, prev) != stored:
            breaks.append(ChainBreak(device_id, seq, BreakKind.EDITED))
        elif prev != expected_prev or seq != expected_seq:
            # A link to an entry that is still there, but not the one before: moved.
            kind = BreakKind.REORDERED if prev in hashes else BreakKind.REMOVED
            if seq != expected_seq and prev == expected_prev:
                kind = BreakKind.REORDERED
            breaks.append(ChainBreak(device_id, seq, kind))
        expected_prev = stored
        expected_seq = seq + 1
    if head is not None:
        head_seq, head_hash = head
        last_seq = int(ordered[-1]["seq"]) if ordered else 0
        if last_seq < head_seq:
            breaks.append(ChainBreak(device_id, last_seq + 1, BreakKind.TRUNCATED))
        elif last_seq == head_seq and ordered and str(ordered[-1]["hash"]) != head_hash:
            breaks.append(ChainBreak(device_id, head_seq, BreakKind.EDITED))
    return breaks


def verify_chains(
    entries: Iterable[Mapping[str, Any]], heads: Mapping[str, tuple[int, str] | None]
) -> list[ChainBreak]:
    """Check every device's chain; `heads` maps a device id to its recorded head."""
    by_device: dict[str, list[Mapping[str, Any]]] = {}
    for entry in entries:
        by_device.setdefault(str(entry["device_id"]), []).append(entry)
    breaks: list[ChainBreak] = []
    for device_id in sorted(set(by_device) | {d for d, h in heads.items() if h is not None}):
        breaks += verify_device_chain(device_id, by_device.get(device_id, []), heads.get(device_id))
    return breaks
