"""The demo campaign `coldwave demo` builds: Khénifra, winter 2025-26.

A social emergency centre of 34 beds (and 6 overflow beds) in Khénifra, targets on
the 40 largest douars of the province, the standard items and Grand Froid kit, the
default entitlement rules, then a whole season played day by day through the same
services the app uses (demo_tracks): households registered in the douars, nightly
roll calls at the centre, convoys and night rounds, case work. Every date is
simulated and every choice comes from `random.Random(seed)`, so the same seed gives
the same season (record ids and CIN hashes stay random, as in the app).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from coldwave_app.domain.vocabulary import RiskLevel
from coldwave_app.services.campaign_setup import (
    add_partner,
    add_shelter,
    add_standard_catalogue,
    add_target,
    create_campaign,
)
from coldwave_app.services.demo_tracks.cases import run_cases
from coldwave_app.services.demo_tracks.context import KHENIFRA, SEASON_START, Demo
from coldwave_app.services.demo_tracks.outreach import rural_rounds
from coldwave_app.services.demo_tracks.people import register_duplicates, register_households
from coldwave_app.services.demo_tracks.shelter import run_winter
from coldwave_app.services.entitlements import add_default_rules
from coldwave_app.services.outreach import add_warehouse
from coldwave_app.storage.geography import GeoRepository
from coldwave_app.storage.local_store import LocalStore

KHENIFRA_CITY = "05.301.01.01"
PARTNERS = {
    "hospital": ("Hôpital provincial de Khénifra", "المستشفى الإقليمي بخنيفرة", "hospital"),
    "eps": ("Établissement de protection sociale de Khénifra", "مؤسسة الرعاية الاجتماعية", "eps"),
    "civil_registry": ("Bureau d'état civil de Khénifra", "مكتب الحالة المدنية", "administration"),
    "anapec": ("ANAPEC – agence de Khénifra", "أنابيك خنيفرة", "administration"),
    "association": ("Association Al Amal d'aide aux sans-abri", "جمعية الأمل", "association"),
    "entraide": ("Entraide Nationale – délégation de Khénifra", "التعاون الوطني", "administration"),
}


@dataclass(frozen=True)
class DemoSummary:
    campaign_id: str
    facility_id: str
    counts: dict[str, int] = field(default_factory=dict)  # what each track recorded


def _setup(store: LocalStore, rng: random.Random) -> Demo:
    create_campaign(
        store,
        name="Hiver 2025-2026 – Province de Khénifra",
        province_code=KHENIFRA,
        period_start=SEASON_START,
        season="2025-2026",
    )
    ids = add_standard_catalogue(store)
    add_default_rules(store, ids)
    facility_id = add_shelter(
        store,
        name_ar="مركز الإسعاف الاجتماعي خنيفرة",
        name_fr="Centre d'urgence sociale de Khénifra",
        geo_code=KHENIFRA_CITY,
        rooms={"A": 12, "B": 12, "C": 10},
        overflow_beds=6,
    )
    douars = GeoRepository(store.db).in_province(KHENIFRA, level="douar")
    # The largest mountain douars stand in for the Interior's targeted list.
    ranked = sorted(douars, key=lambda p: (-(p.households_2024 or 0), p.code))[:40]
    targets = []
    for n, place in enumerate(ranked):
        level = (RiskLevel.RED, RiskLevel.ORANGE, RiskLevel.YELLOW)[n % 3]
        add_target(
            store,
            geo_code=place.code,
            risk_level=level,
            target_households=place.households_2024,
            target_persons=place.population_2024,
        )
        targets.append((place, level))
    demo = Demo(
        store=store,
        rng=rng,
        ids=ids,
        facility_id=facility_id,
        warehouse_id=add_warehouse(store, name="Entrepôt provincial de l'Entraide Nationale"),
        targets=targets,
    )
    for key, (name_fr, name_ar, kind) in PARTNERS.items():
        demo.partners[key] = add_partner(
            store, name_fr=name_fr, name_ar=name_ar, kind=kind, geo_code=KHENIFRA_CITY
        )
    return demo


def build_demo_campaign(
    store: LocalStore, *, seed: int = 2025, progress: Callable[[str], None] | None = None
) -> DemoSummary:
    """Create the demo campaign and its season in `store` (one transaction).

    `progress`, if given, is called with the name of each track as it starts.
    """
    rng = random.Random(seed)
    steps: list[tuple[str, Callable[[Demo], None]]] = [
        ("households", register_households),
        ("shelter", run_winter),
        ("duplicates", lambda d: register_duplicates(d, date(2026, 1, 12), d.named[:5])),
        ("outreach", rural_rounds),
        ("cases", run_cases),
    ]
    with store.db.atomic():
        if progress:
            progress("setup")
        demo = _setup(store, rng)
        for name, step in steps:
            if progress:
                progress(name)
            step(demo)
    return DemoSummary(store.campaign_id or "", demo.facility_id, dict(sorted(demo.counts.items())))
