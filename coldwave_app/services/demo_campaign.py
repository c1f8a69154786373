"""The demo campaign `coldwave demo` builds: Khénifra, winter 2025-26.

A social emergency centre of 34 beds in Khénifra, targets on real douars of the
province ranked by risk, the standard items and Grand Froid kit, and a first
season of records. Built through the same services the app uses.
"""

from __future__ import annotations

from datetime import date

from coldwave_app.domain.vocabulary import RiskLevel
from coldwave_app.services.campaign_setup import add_shelter, add_target, create_campaign
from coldwave_app.services.synthetic_season import generate_season
from coldwave_app.storage.geography import GeoRepository
from coldwave_app.storage.local_store import LocalStore

KHENIFRA = "05.301"
KHENIFRA_CITY = "05.301.01.01"


def build_demo_campaign(store: LocalStore, *, seed: int = 2025) -> str:
    """Create the demo campaign in `store`; returns its id."""
    campaign_id = create_campaign(
        store,
        name="Hiver 2025-2026 – Province de Khénifra",
        province_code=KHENIFRA,
        period_start=date(2025, 11, 17),
        season="2025-2026",
    )
    add_shelter(
        store,
        name_ar="مركز الإسعاف الاجتماعي خنيفرة",
        name_fr="Centre d'urgence sociale de Khénifra",
        geo_code=KHENIFRA_CITY,
        rooms={"A": 12, "B": 12, "C": 10},
        overflow_beds=6,
    )
    douars = GeoRepository(store.db).in_province(KHENIFRA, level="douar")
    # The largest mountain douars stand in for the Interior's targeted list.
    ranked = sorted(douars, key=lambda p: -(p.households_2024 or 0))[:40]
    for n, place in enumerate(ranked):
        level = (RiskLevel.RED, RiskLevel.ORANGE, RiskLevel.YELLOW)[n % 3]
        add_target(
            store,
            geo_code=place.code,
            risk_level=level,
            target_households=place.households_2024,
            target_persons=place.population_2024,
        )
    generate_season(store, persons=400, events=6000, edits=40, seed=seed, province_code=KHENIFRA)
    return campaign_id
