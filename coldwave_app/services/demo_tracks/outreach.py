"""Outreach of the demo: convoys to the targeted douars with Grand Froid kits and
blankets (per wave, checked against the entitlement rules), anonymous tallies of
the households nobody could register, and night rounds in Khénifra city."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from coldwave_app.domain.errors import RuleViolation
from coldwave_app.domain.vocabulary import RiskLevel
from coldwave_app.services.demo_tracks.context import Demo, HouseholdInfo, at
from coldwave_app.services.demo_tracks.people import register_street_person
from coldwave_app.services.outreach import (
    add_wave,
    end_round,
    load_stock,
    record_distribution,
    record_distribution_event,
    record_encounter,
    record_tally,
    round_reconciliation,
    start_round,
    void_distribution_line,
)
from coldwave_app.storage.geography import Place

WAVES = [
    ("Vague 1 – décembre", date(2025, 12, 1), date(2025, 12, 31)),
    ("Vague 2 – janvier", date(2026, 1, 1), date(2026, 1, 31)),
    ("Vague 3 – février", date(2026, 2, 1), date(2026, 2, 28)),
]
ACCESS = {
    RiskLevel.RED: ["mule", "foot", "4x4"],
    RiskLevel.ORANGE: ["4x4", "4x4", "road"],
    RiskLevel.YELLOW: ["road"],
}
OVERRIDE = "Couvertures emportées par l'effondrement du toit sous la neige (constat du moqaddem)"


def _return_all(demo: Demo, round_id: str, ended: date, short: dict[str, float]) -> None:
    """End a round bringing back what was not given (less what went missing)."""
    codes = {code: item for code, item in demo.ids.items() if code != "KIT_GRAND_FROID"}
    back: dict[str, float] = {}
    for row in round_reconciliation(demo.store, round_id=round_id).rows:
        left = round(row.loaded - row.given - short.get(row.item_code, 0.0), 3)
        if left > 0:
            back[codes[row.item_code]] = left
    end_round(
        demo.store,
        round_id=round_id,
        ended_at=at(ended, 18),
        returned=back,
        to_location_id=demo.warehouse_id,
    )


def _serve_household(demo: Demo, event: str, household: HouseholdInfo, first: bool) -> None:
    store, rng, ids = demo.store, demo.rng, demo.ids
    proof = rng.choice(["thumbprint", "signature", "signature"])
    record_distribution(
        store,
        event_id=event,
        household_id=household.id,
        kit_type_id=ids["KIT_GRAND_FROID"],
        received_by=household.head_name,
        proof=proof,
        cin_seen=rng.random() < 0.7,
    )
    demo.counts["kits"] += 1
    if not first:
        return
    for person_id in household.member_ids:
        record_distribution(store, event_id=event, person_id=person_id, item_id=ids["BLANKET"])
        demo.blanketed.add(person_id)
    rest = household.size - len(household.member_ids)
    if rest > 0:
        line = record_distribution(
            store, event_id=event, household_id=household.id, item_id=ids["BLANKET"], qty=rest
        )
        if demo.counts["voided_lines"] == 0 and rest > 1:
            # Typed 10 times too many: voided, then given again with the right quantity.
            void_distribution_line(store, line_id=line.record_id, reason="Quantité mal saisie")
            demo.counts["voided_lines"] += 1
            record_distribution(
                store, event_id=event, household_id=household.id, item_id=ids["BLANKET"], qty=rest
            )
    demo.counts["blankets"] += household.size


def _second_blanket(demo: Demo, event: str, household: HouseholdInfo) -> None:
    """A head asks for another blanket: refused by the rule the first time, granted
    the second time by the campaign lead (the logged-in admin) with a reason."""
    try:
        record_distribution(
            demo.store,
            event_id=event,
            person_id=household.head_id,
            item_id=demo.ids["BLANKET"],
            override_reason=OVERRIDE if demo.counts["blanket_refused"] else None,
        )
        demo.counts["blanket_overrides"] += 1
    except RuleViolation:
        demo.counts["blanket_refused"] += 1


def _rural_round(
    demo: Demo, number: int, start: date, stops: list[tuple[Place, RiskLevel]]
) -> None:
    store, rng, ids = demo.store, demo.rng, demo.ids
    served = {h.id for h in demo.households if h.head_id in demo.blanketed}
    plan = []
    for place, risk in stops:
        homes = [h for h in demo.households if h.douar == place.code]
        tally = rng.randint(3, 12) if risk is not RiskLevel.YELLOW else 0
        plan.append((place, risk, homes, tally))
    kits = sum(len(homes) + tally for _, _, homes, tally in plan) + 3
    blankets = sum(h.size for _, _, homes, _ in plan for h in homes if h.id not in served)
    blankets += sum(2 * tally for *_, tally in plan) + 10
    names = " – ".join(p.name_fr or p.name_ar for p, *_ in plan)
    round_id = start_round(
        store,
        kind="rural",
        started_at=at(start, 7),
        team_name=f"Convoi Entraide Nationale {number:02d}",
        vehicle=f"4x4 {12000 + number}-A-7",
        members=["Said Oubella (chef d'équipe)", "Naima Zayani", "Lahcen Amhaouch"],
        itinerary=names,
        min_temp_c=round(rng.uniform(-11, -2), 1),
    )
    load_stock(
        store,
        round_id=round_id,
        at=at(start, 6, 30),
        kits={ids["KIT_GRAND_FROID"]: kits},
        items={ids["BLANKET"]: blankets},
        from_location_id=demo.warehouse_id,
    )
    for n, (place, risk, homes, tally) in enumerate(plan):
        day = start + timedelta(n // 3)
        event = record_distribution_event(
            store,
            occurred_on=day,
            access_mode=rng.choice(ACCESS[risk]),
            round_id=round_id,
            geo_code=place.code,
            authority_present=rng.choice(["moqaddem", "cheikh", "caid"]),
            distribution_point=rng.choice(
                ["École satellite", "Mosquée du douar", "Maison du cheikh"]
            ),
            risk_level=risk.value,
        )
        for household in homes:
            _serve_household(demo, event, household, household.id not in served)
        if homes and demo.counts["blanket_refused"] + demo.counts["blanket_overrides"] < 2:
            _second_blanket(demo, event, homes[0])
        if tally:
            adults = rng.randint(tally, 2 * tally)
            record_tally(
                store,
                occurred_at=at(day, 13),
                event_id=event,
                households=tally,
                persons={
                    "male_18_59": adults // 2,
                    "female_18_59": adults - adults // 2,
                    "male_0_17": rng.randint(tally, 3 * tally),
                    "female_0_17": rng.randint(tally, 3 * tally),
                    "female_60_plus": rng.randint(0, tally),
                },
                kits={ids["KIT_GRAND_FROID"]: tally},
                items={ids["BLANKET"]: 2 * tally},
            )
            demo.counts["tallies"] += 1
    # One convoy comes back two kilos of sugar short: a discrepancy to explain.
    _return_all(demo, round_id, start + timedelta(2), {"SUGAR": 2.0} if number == 4 else {})
    demo.counts["rural_rounds"] += 1


def rural_rounds(demo: Demo) -> None:
    """Five convoys per wave: every targeted douar in December, the red and orange
    ones again in January and February."""
    demo.waves = [(add_wave(demo.store, name=n, starts_on=s, ends_on=e), s, e) for n, s, e in WAVES]
    urgent = [t for t in demo.targets if t[1] is not RiskLevel.YELLOW]
    number = 0
    for wave, (_, starts, _) in enumerate(demo.waves):
        douars = demo.targets if wave == 0 else urgent
        per_round = -(-len(douars) // 5)
        for n in range(5):
            number += 1
            stops = douars[n * per_round : (n + 1) * per_round]
            _rural_round(demo, number, starts + timedelta(2 + 5 * n), stops)


def street_round(demo: Demo, night: date, free_beds: int) -> list[str]:
    """A night round in Khénifra city; returns the persons who accepted a bed."""
    store, rng, ids = demo.store, demo.rng, demo.ids
    round_id = start_round(
        store,
        kind="street",
        started_at=at(night, 20),
        team_name="Maraude SAMU social Khénifra",
        vehicle="Ambulance EN-3",
        members=["Rachid Akchar (infirmier)", "Meryem Idrissi (assistante sociale)"],
        zone="Khénifra : gare routière, souk, rives de l'Oum Er-Rbia",
        min_temp_c=round(rng.uniform(-9, 3), 1),
    )
    load_stock(
        store,
        round_id=round_id,
        at=at(night, 19, 45),
        items={ids["HOT_MEAL"]: 15, ids["BLANKET"]: 8, ids["COAT"]: 4},
    )
    accepted: list[str] = []
    given: Counter[str] = Counter()
    for n in range(rng.randint(2, 6)):
        moment = at(night, 20, 15) + timedelta(minutes=12 * n)
        situation = rng.choice(["street", "abandoned_building", "station", "makeshift_shelter"])
        flags = ["hypothermia_risk"] if rng.random() < 0.3 else []
        if rng.random() < 0.4:
            items = {ids["HOT_MEAL"]: 1.0, ids["BLANKET"]: 1.0}
            outcome = rng.choice(["refused_shelter", "refused_shelter", "stayed_with_items"])
            record_encounter(
                store,
                occurred_at=moment,
                living_situation=situation,
                round_id=round_id,
                anon_sex=rng.choice(["m", "m", "m", "f", "u"]),
                anon_age_band=rng.choice(["18_59", "18_59", "60_plus", "unknown"]),
                condition_flags=flags,
                shelter_offered=outcome == "refused_shelter",
                outcome=outcome,
                items=items,
            )
            demo.counts["anonymous_encounters"] += 1
        else:
            known = [p for p in demo.outside if p not in accepted]
            if known and rng.random() < 0.5:
                person_id = rng.choice(known)
            else:
                person_id = register_street_person(demo, night)
                demo.outside.append(person_id)
            items = {ids["HOT_MEAL"]: 1.0}
            if person_id not in demo.blanketed:
                items[ids["BLANKET"]] = 1.0
                demo.blanketed.add(person_id)
            wants_bed = rng.random() < 0.5
            outcome = "refused_shelter"
            if wants_bed:
                outcome = "accepted_shelter" if len(accepted) < free_beds else "no_place"
            record_encounter(
                store,
                occurred_at=moment,
                living_situation=situation,
                round_id=round_id,
                person_id=person_id,
                condition_flags=flags,
                shelter_offered=True,
                outcome=outcome,
                items=items,
            )
            demo.counts["encounters"] += 1
            if outcome == "accepted_shelter":
                accepted.append(person_id)
        given.update({item: qty for item, qty in items.items()})
    end_round(
        store,
        round_id=round_id,
        ended_at=at(night, 23, 30),
        returned={
            ids["HOT_MEAL"]: 15 - given[ids["HOT_MEAL"]],
            ids["BLANKET"]: 8 - given[ids["BLANKET"]],
            ids["COAT"]: 4,
        },
    )
    demo.counts["street_rounds"] += 1
    return accepted
