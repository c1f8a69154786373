"""What a laptop holds: the figures `coldwave stats` prints and the app's home screen shows."""

from __future__ import annotations

from dataclasses import dataclass, field

from coldwave_app.storage import digest, lookups
from coldwave_app.storage.local_store import LocalStore


@dataclass(frozen=True)
class CampaignOverview:
    campaign_id: str | None
    campaign_name: str | None
    province_code: str | None
    province_name_ar: str | None
    province_name_fr: str | None
    counts: dict[str, int] = field(default_factory=dict)
    items_distributed: dict[str, float] = field(default_factory=dict)
    pending_changes: int = 0
    open_conflicts: int = 0
    last_sync_at: str | None = None


def campaign_overview(store: LocalStore) -> CampaignOverview:
    """Counts per record type, items given, unsynced changes and open conflicts."""
    campaign = lookups.campaign_header(store.db, store.campaign_id) if store.campaign_id else None
    cid, name, province, name_ar, name_fr = campaign or (None, None, None, None, None)
    return CampaignOverview(
        campaign_id=cid,
        campaign_name=name,
        province_code=province,
        province_name_ar=name_ar,
        province_name_fr=name_fr,
        counts=digest.record_counts(store.db, store.catalog),
        items_distributed=digest.items_distributed(store.db),
        pending_changes=digest.pending_changes(store.db),
        open_conflicts=digest.open_conflicts(store.db),
        last_sync_at=lookups.last_sync_at(store.db),
    )


def state_digest(store: LocalStore) -> str:
    return digest.state_digest(store.db, store.catalog)
