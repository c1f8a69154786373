"""Sync by USB stick: export this laptop's changes to a bundle, import the server's reply.

`export_bundle` writes every pending change and the pull cursor, signed with this
laptop's key and encrypted for the server (format: sync.bundle_format). Nothing
local changes: the changes stay pending until a reply says what became of them,
so exporting again, or losing the stick, loses nothing. `import_reply` applies a
reply in one transaction: push verdicts, pulled changes and the cursor move
together or not at all. Replaying a bundle or a reply changes nothing: the server
answers known changes as duplicates, the merge skips known change ids, and the
cursor never moves back.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coldwave_app.domain.errors import N_, InvalidInput
from coldwave_app.services.sync_service import (
    BOX_KEY,
    SERVER_BOX_KEY,
    SERVER_SIGNING_KEY,
    SIGNING_KEY,
)
from coldwave_app.storage import sync_state
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.storage.merge import Merger
from coldwave_app.sync.bundle_format import (
    ALTERED,
    DEVICE_TO_SERVER,
    SERVER_TO_DEVICE,
    BundleRefused,
    open_bundle,
    read_header,
    seal,
    write_atomically,
)
from coldwave_app.sync.client import SyncFailed
from coldwave_app.sync.engine import STATE_KEY, SyncSummary, incoming_changes
from coldwave_app.sync.protocol import PushResult

# The server takes at most this many changes per bundle; the rest go in the next one.
MAX_EXPORT_CHANGES = 1_000_000


@dataclass(frozen=True)
class BundleExport:
    bundle_id: str
    changes: int
    cursor: int


@dataclass(frozen=True)
class _Keys:
    campaign_id: str
    signing: str
    box: str
    server_signing: str
    server_box: str


def _keys(store: LocalStore) -> _Keys:
    values = [
        store.campaign_id,
        store.meta(SIGNING_KEY),
        store.meta(BOX_KEY),
        store.meta(SERVER_SIGNING_KEY),
        store.meta(SERVER_BOX_KEY),
    ]
    if not all(values):
        raise SyncFailed(
            N_(
                "This laptop has no bundle keys: enrol it with the server first "
                "(a laptop enrolled by an older version must sync over the network)."
            )
        )
    campaign_id, signing, box, server_signing, server_box = (str(v) for v in values)
    return _Keys(campaign_id, signing, box, server_signing, server_box)


def export_bundle(store: LocalStore, out: Path) -> BundleExport:
    """Write this laptop's pending changes and cursor to `out`, atomically."""
    keys = _keys(store)
    changes = sync_state.pending_batch(store.db, limit=MAX_EXPORT_CHANGES)
    cursor = sync_state.cursor(store.db, server_url=STATE_KEY)
    data = seal(
        {"changes": changes, "cursor": cursor},
        kind=DEVICE_TO_SERVER,
        campaign_id=keys.campaign_id,
        device_id=store.device_id,
        sender_signing_key=keys.signing,
        recipient_box_public_key=keys.server_box,
    )
    try:
        write_atomically(out, data)
    except OSError as err:
        raise InvalidInput(
            N_("Cannot write {path}: {reason}."), path=str(out), reason=err.strerror or str(err)
        ) from None
    bundle_id = read_header(data).bundle_id
    return BundleExport(bundle_id=bundle_id, changes=len(changes), cursor=cursor)


def import_reply(store: LocalStore, path: Path) -> SyncSummary:
    """Apply the server's reply bundle at `path`: verdicts, pulled changes, cursor."""
    keys = _keys(store)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InvalidInput(
            N_("Cannot read {path}: {reason}."), path=str(path), reason=err.strerror or str(err)
        ) from None
    _header, payload = open_bundle(
        data,
        kind=SERVER_TO_DEVICE,
        campaign_id=keys.campaign_id,
        device_id=store.device_id,
        sender_signing_public_key=keys.server_signing,
        recipient_box_key=keys.box,
    )
    results, raw_changes, next_cursor = _reply_payload(payload)
    summary = SyncSummary()
    for _cid, status, _reason, _seq in results:
        summary.pushed += 1
        if status == "accepted":
            summary.accepted += 1
        elif status == "duplicate":
            summary.duplicates += 1
        else:
            summary.rejected += 1
    incoming = incoming_changes(raw_changes, summary=summary)
    summary.pulled = len(raw_changes)

    def settle(db: Any) -> None:
        # Inside the merge's transaction: verdicts and cursor land with the data.
        if results:
            sync_state.record_push_results(db, results, server_url=STATE_KEY)
        if next_cursor > sync_state.cursor(db, server_url=STATE_KEY):
            sync_state.move_cursor(db, server_url=STATE_KEY, to=next_cursor)

    merger = Merger(store.db, catalog=store.catalog, clock=store.clock)
    counts = merger.apply_page(incoming, after=settle)
    summary.applied = counts.applied
    summary.conflicts = counts.conflicts
    summary.quarantined += counts.quarantined
    return summary


def _reply_payload(
    payload: dict[str, Any],
) -> tuple[list[tuple[str, str, str | None, int | None]], list[dict[str, Any]], int]:
    raw_results = payload.get("results")
    raw_changes = payload.get("changes")
    next_cursor = payload.get("next_cursor")
    if (
        not isinstance(raw_results, list)
        or not isinstance(raw_changes, list)
        or not isinstance(next_cursor, int)
        or isinstance(next_cursor, bool)
        or next_cursor < 0
    ):
        raise BundleRefused(ALTERED)
    results: list[tuple[str, str, str | None, int | None]] = []
    for raw in raw_results:
        try:
            result = PushResult.model_validate(raw)
        except ValueError:
            raise BundleRefused(ALTERED) from None
        results.append((result.change_id, result.status, result.reason, result.server_seq))
    return results, raw_changes, next_cursor
