"""Reads behind the outreach screens, on the demo campaign."""

from __future__ import annotations

from coldwave_app.services.outreach_desk import (
    douar_choices,
    douar_households,
    itinerary_of,
    night_of,
)
from coldwave_app.storage.local_store import LocalStore

AIT_KHASSA = "3010513202045"


def test_targeted_douars_come_first_by_risk(demo_store: LocalStore) -> None:
    choices = douar_choices(demo_store)
    levels = [c.risk_level for c in choices]
    assert levels[0] == "red"
    order = {"red": 0, "orange": 1, "yellow": 2}
    assert [order[lv] for lv in levels if lv] == sorted(order[lv] for lv in levels if lv)


def test_douar_found_by_latin_or_arabic_part_or_code(demo_store: LocalStore) -> None:
    assert douar_choices(demo_store, text="khassa")[0].code == AIT_KHASSA
    assert douar_choices(demo_store, text="خاصة")[0].code == AIT_KHASSA
    assert AIT_KHASSA in [c.code for c in douar_choices(demo_store, text="3010513202")]


def test_household_list_shows_what_each_received(demo_store: LocalStore) -> None:
    households = douar_households(demo_store, geo_code=AIT_KHASSA)
    assert len(households) == 4
    assert all(h.members >= 1 for h in households)
    kits = [r for h in households for r in h.received if r.code == "KIT_GRAND_FROID"]
    assert kits and all(r.qty >= 1 for r in kits)


def test_planned_douars_read_back_from_the_itinerary(demo_store: LocalStore) -> None:
    target = douar_choices(demo_store, text="khassa")[0]
    assert f"({AIT_KHASSA})" in itinerary_of([target])


def test_night_runs_noon_to_noon() -> None:
    from datetime import datetime

    start, end = night_of(datetime(2026, 1, 5, 2, 30))
    assert (start, end) == (datetime(2026, 1, 4, 12), datetime(2026, 1, 5, 12))


def test_household_list_of_500_households_is_one_query(demo_store: LocalStore) -> None:
    from datetime import date

    from coldwave_app.services.distributions import record_distribution, record_distribution_event
    from coldwave_app.services.outreach_desk import catalogue
    from coldwave_app.services.people import register_household

    douar = "3010505203001"  # a targeted douar of the demo with no household yet
    kit = next(e.id for e in catalogue(demo_store) if e.code == "KIT_GRAND_FROID")
    event = record_distribution_event(
        demo_store, occurred_on=date(2026, 3, 2), access_mode="4x4", geo_code=douar
    )
    with demo_store.db.atomic():
        for n in range(500):
            household = register_household(
                demo_store, head_name=f"Foyer {n:03d}", geo_code=douar, size_declared=5
            )
            record_distribution(
                demo_store, event_id=event, household_id=household.id, kit_type_id=kit
            )
    statements: list[str] = []
    demo_store.db.conn.set_trace_callback(statements.append)
    try:
        households = douar_households(demo_store, geo_code=douar)
    finally:
        demo_store.db.conn.set_trace_callback(None)
    assert len(households) == 500
    assert all(h.received[0].code == "KIT_GRAND_FROID" for h in households)
    # The campaign id is read once, then one query brings every household and line.
    reads = [s for s in statements if "app_meta" not in s]
    assert len(reads) == 1 and "FROM household h" in reads[0]
