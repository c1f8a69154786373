"""Push then pull: the whole sync of a device, resumable after any interruption.

- Push sends the outbox oldest first, in batches; each change comes back
  accepted, duplicate (a replay: harmless) or rejected (quarantined and shown,
  never retried blindly). Rejections never stop the other changes.
- Pull pages through the server's changes after the device's cursor; each page
  is merged in one transaction that also moves the cursor, so an interrupted
  pull resumes exactly where it stopped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from coldwave_app.storage import sync_state
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.storage.merge import IncomingChange, Merger
from coldwave_app.sync.client import SyncClient
from coldwave_app.sync.protocol import MAX_PUSH_CHANGES, parse_change

PUSH_BATCH = 500
# One server per device: the cursor survives the server moving to another address.
STATE_KEY = "enrolled-server"
PULL_PAGE = 1000


@dataclass
class SyncSummary:
    pushed: int = 0
    accepted: int = 0
    duplicates: int = 0
    rejected: int = 0
    pulled: int = 0
    applied: int = 0
    conflicts: int = 0
    quarantined: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


Progress = Callable[[str, int], None]


def push(
    store: LocalStore,
    client: SyncClient,
    *,
    summary: SyncSummary,
    batch: int = PUSH_BATCH,
    progress: Progress | None = None,
) -> None:
    size = min(batch, MAX_PUSH_CHANGES)
    while True:
        changes = sync_state.pending_batch(store.db, limit=size)
        if not changes:
            return
        answer = client.post("/v1/push", {"changes": changes})
        results = [
            (r["change_id"], r["status"], r.get("reason"), r.get("server_seq"))
            for r in answer.get("results", [])
        ]
        answered = {r[0] for r in results}
        sync_state.record_push_results(store.db, results, server_url=STATE_KEY)
        summary.pushed += len(results)
        for _cid, status, _reason, _seq in results:
            if status == "accepted":
                summary.accepted += 1
            elif status == "duplicate":
                summary.duplicates += 1
            else:
                summary.rejected += 1
        if progress:
            progress("push", summary.pushed)
        if not answered.intersection(c["change_id"] for c in changes):
            return  # the server answered nothing we sent: stop rather than loop forever


def incoming_changes(
    raw_changes: list[dict[str, Any]], *, summary: SyncSummary
) -> list[IncomingChange]:
    """The pulled changes the protocol accepts; the others are counted as quarantined."""
    incoming: list[IncomingChange] = []
    for raw in raw_changes:
        if not isinstance(raw, dict):
            summary.quarantined += 1
            continue
        parsed = parse_change({k: v for k, v in raw.items() if k != "seq"})
        if isinstance(parsed, str):
            summary.quarantined += 1
            continue
        incoming.append(
            IncomingChange(
                change_id=parsed.change_id, table=parsed.table, row_id=parsed.row_id,
                op=parsed.op, field=parsed.field, value=parsed.value, hlc=parsed.hlc,
                base_hlc=parsed.base_hlc, device_id=parsed.device_id,
                user_id=parsed.user_id, campaign_id=parsed.campaign_id,
                recorded_at=parsed.recorded_at, server_seq=raw.get("seq"),
            )
        )  # fmt: skip
    return incoming


def pull(
    store: LocalStore,
    client: SyncClient,
    *,
    summary: SyncSummary,
    page: int = PULL_PAGE,
    progress: Progress | None = None,
) -> None:
    merger = Merger(store.db, catalog=store.catalog, clock=store.clock)
    while True:
        position = sync_state.cursor(store.db, server_url=STATE_KEY)
        answer = client.get("/v1/pull", cursor=position, limit=page)
        raw_changes: list[dict[str, Any]] = answer.get("changes", [])
        incoming = incoming_changes(raw_changes, summary=summary)
        next_cursor = int(answer.get("next_cursor", position))

        def move(db: Any, to: int = next_cursor) -> None:
            sync_state.move_cursor(db, server_url=STATE_KEY, to=to)

        counts = merger.apply_page(incoming, after=move)
        summary.pulled += len(raw_changes)
        summary.applied += counts.applied
        summary.conflicts += counts.conflicts
        summary.quarantined += counts.quarantined
        if progress:
            progress("pull", summary.pulled)
        if not answer.get("more") or next_cursor <= position:
            return


def synchronise(
    store: LocalStore, client: SyncClient, *, progress: Progress | None = None
) -> SyncSummary:
    """Push everything pending, then pull everything new."""
    summary = SyncSummary()
    push(store, client, summary=summary, progress=progress)
    pull(store, client, summary=summary, progress=progress)
    return summary
