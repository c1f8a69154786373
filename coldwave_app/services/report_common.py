"""Shared by the report builders: the campaign in use, the footer every report carries, places."""

from __future__ import annotations

import datetime as dt

from coldwave_app.domain.errors import N_, InvalidInput
from coldwave_app.reports.models import Footer
from coldwave_app.storage import digest
from coldwave_app.storage import report_queries as rq
from coldwave_app.storage.geography import GeoRepository, Place
from coldwave_app.storage.local_store import LocalStore

__all__ = ["BLANKET_LABEL", "FOOD_KIT_LABEL", "campaign_of", "footer_of", "place_of"]

FOOD_KIT_LABEL = N_("Food kit")
BLANKET_LABEL = N_("Blankets")


def campaign_of(store: LocalStore) -> str:
    """The current campaign's id; a clear error on a laptop without one."""
    if store.campaign_id is None:
        raise InvalidInput(N_("Choose a campaign first."))
    return store.campaign_id


def footer_of(store: LocalStore, now: dt.datetime | None = None) -> Footer:
    """Campaign, lead organisation, time of production and unsynced changes."""
    name, org_fr, org_ar, _province = rq.campaign_header(store.db, campaign_of(store))
    organisation = " / ".join(p for p in (org_fr, org_ar) if p)
    return Footer(
        campaign=name,
        organisation=organisation,
        produced_at=now or dt.datetime.now().replace(microsecond=0),
        unsynced_changes=digest.pending_changes(store.db),
    )


def place_of(geo: GeoRepository, cache: dict[str, Place | None], code: str) -> Place | None:
    """A place by code, looked up once per report (`cache` is the report's own)."""
    if code not in cache:
        cache[code] = geo.get(code)
    return cache[code]
