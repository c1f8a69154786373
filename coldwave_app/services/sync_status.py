"""What the status bar and the sync page say: unsynced, conflicting and refused changes.

Read-only and cheap (a few counts), so the status bar can ask after every write.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from coldwave_app.domain.errors import N_, InvalidInput
from coldwave_app.services.sync_service import SERVER_KEY, is_enrolled
from coldwave_app.storage import digest, lookups, quarantine_queries, sync_state
from coldwave_app.storage.local_store import LocalStore

__all__ = ["QuarantinedChange", "SyncStatus", "campaign_name", "list_quarantined", "sync_status"]

MAX_PAGE: Final = 1000


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    server_url: str | None
    pending_changes: int
    open_conflicts: int
    quarantined: int
    last_push_at: str | None
    last_pull_at: str | None


@dataclass(frozen=True)
class QuarantinedChange:
    """A change kept aside: `direction` "push" (the server refused it) or "pull"."""

    change_id: str
    direction: str
    reason: str
    received_at: str
    table: str | None
    field: str | None


def sync_status(store: LocalStore) -> SyncStatus:
    last_push, last_pull, _error = quarantine_queries.sync_times(store.db)
    return SyncStatus(
        enrolled=is_enrolled(store),
        server_url=store.meta(SERVER_KEY),
        pending_changes=digest.pending_changes(store.db),
        open_conflicts=digest.open_conflicts(store.db),
        quarantined=sync_state.quarantined_count(store.db),
        last_push_at=last_push,
        last_pull_at=last_pull,
    )


def list_quarantined(
    store: LocalStore, *, limit: int = 200, offset: int = 0
) -> list[QuarantinedChange]:
    """Quarantined changes, newest first, one page at a time."""
    if not 0 < limit <= MAX_PAGE or offset < 0:
        raise InvalidInput(N_("A page holds between 1 and {max} rows."), max=MAX_PAGE)
    rows = quarantine_queries.quarantined_rows(store.db, limit=limit, offset=offset)
    return [QuarantinedChange(*row) for row in rows]


def campaign_name(store: LocalStore) -> str | None:
    """The current campaign's name, for the window title (one indexed lookup)."""
    campaign_id = store.campaign_id
    if not campaign_id:
        return None
    try:
        return lookups.campaign_header(store.db, campaign_id)[1]
    except KeyError:  # enrolled, the campaign's own row not pulled yet
        return None
