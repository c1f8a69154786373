"""The shelter register: a night's residents by bed, and the month's bed nights per centre."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from coldwave_app.domain.errors import N_, InvalidInput
from coldwave_app.domain.roles import Permission
from coldwave_app.reports.models import (
    CentreLine,
    Register,
    RegisterLine,
)
from coldwave_app.reports.register import render_register
from coldwave_app.services import indicators
from coldwave_app.services.access import audit, requires
from coldwave_app.services.report_common import campaign_of, footer_of
from coldwave_app.storage import report_queries as rq
from coldwave_app.storage.local_store import LocalStore


@requires(Permission.EXPORT_PERSONAL)
def register_data(
    store: LocalStore,
    *,
    night: date,
    facility_id: str | None = None,
    now: dt.datetime | None = None,
) -> Register:
    """The residents of a night, by bed, and the month's bed nights per centre."""
    campaign = campaign_of(store)
    facilities = rq.facilities(store.db, campaign)
    if not facilities:
        raise InvalidInput(N_("This campaign has no shelter."))
    chosen = next((f for f in facilities if f.id == facility_id), facilities[0])
    if facility_id is not None and chosen.id != facility_id:
        raise InvalidInput(N_("No such shelter in this campaign."))
    lines = []
    for row in rq.night_residents(store.db, chosen.id, night.isoformat()):
        arrived = date.fromisoformat(row.entry_at[:10])
        lines.append(RegisterLine(row.bed, row.name, row.code, arrived, (night - arrived).days + 1))
    month_start = night.replace(day=1)
    month_end = (month_start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    by_centre = indicators.shelter_figures_by_centre(store, month_start, month_end)
    month = []
    for f in facilities:
        figures = by_centre.get(f.id)
        month.append(
            CentreLine(f.name_ar, f.name_fr, figures.persons, figures.bed_nights, figures.occupancy)
            if figures is not None
            else CentreLine(f.name_ar, f.name_fr, 0, 0, 0.0)
        )
    return Register(
        footer=footer_of(store, now),
        centre_ar=chosen.name_ar,
        centre_fr=chosen.name_fr,
        night=night,
        capacity=chosen.capacity_beds,
        residents=lines,
        month_start=month_start,
        month_bed_nights=month,
    )


def write_register(
    store: LocalStore,
    path: Path,
    *,
    night: date,
    facility_id: str | None = None,
    langs: Sequence[str] = ("fr",),
    now: dt.datetime | None = None,
) -> int:
    data = register_data(store, night=night, facility_id=facility_id, now=now)
    audit(store, action="export", detail={"report": "register", "file": path.name})
    return render_register(data, path, langs)
