"""The daily situation report: every figure for a day or a period, then the PDF."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from coldwave_app.domain.outreach_rules import EncounterOutcome
from coldwave_app.domain.roles import Permission
from coldwave_app.reports.models import (
    AlertLine,
    CentreLine,
    ItemLine,
    PlaceLine,
    Sitrep,
)
from coldwave_app.reports.sitrep import render_sitrep
from coldwave_app.services import indicators
from coldwave_app.services.access import requires
from coldwave_app.services.cold_alert import cold_alert_status
from coldwave_app.services.report_common import campaign_of, footer_of, place_of
from coldwave_app.storage import report_queries as rq
from coldwave_app.storage.geography import GeoRepository, Place
from coldwave_app.storage.local_store import LocalStore


@requires(Permission.VIEW_REPORTS)
def sitrep_data(
    store: LocalStore, *, start: date, end: date, now: dt.datetime | None = None
) -> Sitrep:
    """Every figure of the situation report for a day (start == end) or a period."""
    campaign = campaign_of(store)
    values = indicators.campaign_indicators(store, start=start, end=end)
    centres: list[CentreLine] = []
    nightly: dict[date, int] = defaultdict(int)
    by_centre = indicators.shelter_figures_by_centre(store, start, end)
    for facility in rq.facilities(store.db, campaign):
        figures = by_centre.get(facility.id)
        if figures is None:  # no roll call in the period: the centre still has its line
            centres.append(CentreLine(facility.name_ar, facility.name_fr, 0, 0, 0.0))
            continue
        centres.append(
            CentreLine(
                facility.name_ar,
                facility.name_fr,
                figures.persons,
                figures.bed_nights,
                figures.occupancy,
            )
        )
        for night, count in figures.nightly:
            nightly[date.fromisoformat(night)] += count
    names = rq.items(store.db, campaign)
    given = values["items_distributed"]
    assert isinstance(given, dict)
    items = [
        ItemLine(code, *names.get(code, (code, code, "")), quantity=float(qty))
        for code, qty in sorted(given.items(), key=lambda kv: -float(kv[1]))
    ]
    households = values["households_reached"]
    persons = values["persons_reached"]
    douars = values["douars_reached_vs_targeted"]
    meals = values["meals_served"]
    assert isinstance(households, dict) and isinstance(persons, dict)
    assert isinstance(douars, dict) and isinstance(meals, dict)
    geo = GeoRepository(store.db)
    cache: dict[str, Place | None] = {}
    risk = rq.target_levels(store.db, campaign)
    douar_lines: list[PlaceLine] = []
    communes: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for code in sorted(set(households["by_douar"]) | set(persons["by_douar"])):
        place = place_of(geo, cache, code)
        commune = place_of(geo, cache, place.commune_code) if place and place.commune_code else None
        hh = int(households["by_douar"].get(code, 0))
        pp = int(persons["by_douar"].get(code, 0))
        douar_lines.append(
            PlaceLine(
                code,
                place.name_ar if place else code,
                (place.name_fr or place.name_ar) if place else code,
                hh,
                pp,
                risk.get(code),
                parent_ar=commune.name_ar if commune else "",
                parent_fr=(commune.name_fr or commune.name_ar) if commune else "",
            )
        )
        key = place.commune_code if place and place.commune_code else ""
        communes[key][0] += hh
        communes[key][1] += pp
    commune_lines = []
    for code, (hh, pp) in communes.items():
        commune = place_of(geo, cache, code) if code else None
        commune_lines.append(
            PlaceLine(
                code,
                commune.name_ar if commune else "؟",
                (commune.name_fr or commune.name_ar) if commune else "?",
                hh,
                pp,
            )
        )
    commune_lines.sort(key=lambda p: p.name_fr)
    douar_lines.sort(key=lambda p: (p.parent_fr, p.name_fr))
    by_risk = {
        level: (int(v["targeted"]), int(v["reached"]))
        for level, v in douars.items()
        if isinstance(v, dict)
    }
    outcomes = rq.encounter_outcomes(store.db, campaign, start.isoformat(), end.isoformat())
    alert = cold_alert_status(store, on=end)
    province = place_of(geo, cache, rq.campaign_header(store.db, campaign)[3])
    return Sitrep(
        footer=footer_of(store, now),
        start=start,
        end=end,
        persons_sheltered=int(values["persons_sheltered"] or 0),  # type: ignore[arg-type]
        bed_nights=int(values["bed_nights"] or 0),  # type: ignore[arg-type]
        occupancy=float(values["occupancy_rate"] or 0),  # type: ignore[arg-type]
        centres=centres,
        meals={k: float(v) for k, v in meals.items()},
        items=items,
        households_reached=int(households["total"]),
        persons_reached=int(persons["total"]),
        persons_by_band={k: int(v) for k, v in persons["by_sex_age"].items()},
        douars_by_risk=by_risk,
        encounters=sum(outcomes.values()),
        shelter_accepted=outcomes.get(EncounterOutcome.ACCEPTED_SHELTER.value, 0),
        shelter_refused=outcomes.get(EncounterOutcome.REFUSED_SHELTER.value, 0),
        reintegrations=int(values["family_reintegrations"] or 0),  # type: ignore[arg-type]
        referrals_sent=rq.referrals_sent(store.db, campaign, start.isoformat(), end.isoformat()),
        referrals_completed=int(values["referrals_completed"] or 0),  # type: ignore[arg-type]
        communes=commune_lines,
        douars=douar_lines,
        nightly_occupancy=sorted(nightly.items()),
        alert=None
        if alert is None
        else AlertLine(alert.level, alert.starts_on, alert.ends_on, alert.note),
        province_ar=province.name_ar if province else "",
        province_fr=(province.name_fr or "") if province else "",
    )


def write_sitrep(
    store: LocalStore,
    path: Path,
    *,
    start: date,
    end: date | None = None,
    langs: Sequence[str] = ("fr",),
    now: dt.datetime | None = None,
) -> int:
    """Write the situation report PDF; returns its page count."""
    data = sitrep_data(store, start=start, end=end or start, now=now)
    return render_sitrep(data, path, langs)
