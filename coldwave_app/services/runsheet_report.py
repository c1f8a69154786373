"""The douar run sheet of an outreach round: households, what each is due and got, stock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from coldwave_app.domain.errors import N_, InvalidInput
from coldwave_app.domain.roles import Permission
from coldwave_app.reports.models import (
    ItemLine,
    RunSheet,
    RunSheetHousehold,
)
from coldwave_app.reports.runsheet import render_runsheet
from coldwave_app.services.access import audit, requires
from coldwave_app.services.report_common import (
    BLANKET_LABEL,
    FOOD_KIT_LABEL,
    campaign_of,
    footer_of,
    place_of,
)
from coldwave_app.storage import report_queries as rq
from coldwave_app.storage.geography import GeoRepository, Place
from coldwave_app.storage.local_store import LocalStore


@requires(Permission.EXPORT_PERSONAL)
def runsheet_data(
    store: LocalStore,
    *,
    douars: Sequence[str],
    on: date,
    round_label: str = "",
    now: dt.datetime | None = None,
) -> RunSheet:
    """The households of the douars, what each is due this round and has received."""
    campaign = campaign_of(store)
    if not douars:
        raise InvalidInput(N_("Choose at least one douar."))
    geo = GeoRepository(store.db)
    cache: dict[str, Place | None] = {}
    rows = rq.households_of(store.db, campaign, list(douars))
    received = rq.household_items(store.db, [r.id for r in rows])
    households: list[RunSheetHousehold] = []
    kits = blankets = 0.0
    for row in rows:
        got = received.get(row.id, {})
        kit_got = sum(q for code, q in got.items() if code.startswith("KIT") or "KIT" in code)
        blanket_got = got.get("BLANKET", 0.0)
        blanket_due = max(0.0, row.size - blanket_got)
        place = place_of(geo, cache, row.geo_code) if row.geo_code else None
        households.append(
            RunSheetHousehold(
                code=row.code,
                head=row.head,
                size=row.size,
                douar_ar=place.name_ar if place else "",
                douar_fr=(place.name_fr or place.name_ar) if place else "",
                entitled={FOOD_KIT_LABEL: 1.0, BLANKET_LABEL: blanket_due},
                received={FOOD_KIT_LABEL: kit_got, BLANKET_LABEL: blanket_got},
            )
        )
        kits += 1
        blankets += blanket_due
    names = rq.items(store.db, campaign)
    blanket_ar, blanket_fr, blanket_unit = names.get("BLANKET", ("غطاء", "Couverture", "piece"))
    kit_ar, kit_fr = rq.kit_names(store.db, campaign)
    places = [p for p in (place_of(geo, cache, code) for code in douars) if p is not None]
    return RunSheet(
        footer=footer_of(store, now),
        round_label=round_label,
        on=on,
        households=households,
        stock_to_load=[
            ItemLine("KIT", kit_ar, kit_fr, "kit", kits),
            ItemLine("BLANKET", blanket_ar, blanket_fr, blanket_unit, blankets),
        ],
        places_ar=[p.name_ar for p in places],
        places_fr=[p.name_fr or p.name_ar for p in places],
    )


def write_runsheet(
    store: LocalStore,
    path: Path,
    *,
    douars: Sequence[str],
    on: date,
    round_label: str = "",
    langs: Sequence[str] = ("fr",),
    now: dt.datetime | None = None,
) -> int:
    data = runsheet_data(store, douars=douars, on=on, round_label=round_label, now=now)
    audit(store, action="export", detail={"report": "runsheet", "file": path.name})
    return render_runsheet(data, path, langs)
