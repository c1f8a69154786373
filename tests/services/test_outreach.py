"""Rounds, distributions at douars, anonymous tallies, street encounters and the
reconciliation of the vehicle's stock at return."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from helpers.outreach import Setup, add_household, add_person, campaign_with_rules, event_at

from coldwave_app.domain.errors import InvalidInput, RuleViolation
from coldwave_app.services.outreach import (
    add_warehouse,
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
from coldwave_app.services.places import add_local_place
from coldwave_app.storage.digest import items_distributed
from coldwave_app.storage.local_store import LocalStore


@pytest.fixture
def setup(store: LocalStore) -> Setup:
    return campaign_with_rules(store)


def rural_round(setup: Setup) -> str:
    return start_round(
        setup.store,
        kind="rural",
        started_at=datetime(2025, 12, 3, 6, 30),
        team_name="Equipe A",
        vehicle="12345-A-6",
        members=["Youssef", "Khadija"],
        itinerary="Aguelmous - Tighza",
        min_temp_c=-7.5,
    )


def test_round_gets_its_own_vehicle_stock_location(setup: Setup) -> None:
    round_id = rural_round(setup)
    row = setup.store.db.execute(
        "SELECT r.members, r.min_temp_c, s.kind, s.vehicle_plate FROM outreach_round r "
        "JOIN stock_location s ON s.id = r.stock_location_id WHERE r.id = ?",
        [round_id],
    ).fetchone()
    assert (json.loads(row[0]), row[1], row[2], row[3]) == (
        ["Youssef", "Khadija"],
        -7.5,
        "vehicle",
        "12345-A-6",
    )


def test_round_needs_a_zone_or_itinerary_and_a_known_kind(setup: Setup) -> None:
    with pytest.raises(InvalidInput):
        start_round(setup.store, kind="rural", started_at=datetime(2025, 12, 3), team_name="A")
    with pytest.raises(InvalidInput):
        start_round(
            setup.store, kind="boat", started_at=datetime(2025, 12, 3), team_name="A", zone="Z"
        )


def test_unknown_douar_is_refused(setup: Setup) -> None:
    with pytest.raises(InvalidInput) as caught:
        record_distribution_event(
            setup.store, occurred_on=date(2025, 12, 3), access_mode="mule", geo_code="999999"
        )
    assert caught.value.params == {"code": "999999"}


def test_a_commune_code_is_not_a_douar(setup: Setup) -> None:
    commune = setup.store.db.execute(
        "SELECT code FROM geo_unit WHERE level = 'commune' LIMIT 1"
    ).fetchone()[0]
    with pytest.raises(InvalidInput):
        record_distribution_event(
            setup.store, occurred_on=date(2025, 12, 3), access_mode="mule", geo_code=commune
        )


def test_unknown_access_mode_is_refused(setup: Setup) -> None:
    with pytest.raises(InvalidInput):
        record_distribution_event(
            setup.store, occurred_on=date(2025, 12, 3), access_mode="sledge", geo_code=setup.douar
        )


def test_event_at_a_local_place_is_filed_under_its_douar_and_wave(setup: Setup) -> None:
    place = add_local_place(
        setup.store, parent_code=setup.douar, kind="hamlet", name_latn="Tighza n'Oufella"
    )
    event = record_distribution_event(
        setup.store, occurred_on=date(2026, 1, 4), access_mode="foot", local_place_id=place
    )
    row = setup.store.db.execute(
        "SELECT geo_code, local_place_id, wave_id FROM distribution_event WHERE id = ?", [event]
    ).fetchone()
    assert row == (setup.douar, place, setup.wave_2)


def test_line_records_receiver_and_proof(setup: Setup) -> None:
    household = add_household(setup.store)
    result = record_distribution(
        setup.store,
        event_id=event_at(setup, date(2025, 12, 3)),
        household_id=household,
        kit_type_id=setup.ids["KIT_GRAND_FROID"],
        received_by="Aicha, wife of the head",
        proof="thumbprint",
        cin_seen=True,
    )
    row = setup.store.db.execute(
        "SELECT received_by, proof, cin_seen FROM distribution_line WHERE id = ?",
        [result.record_id],
    ).fetchone()
    assert row == ("Aicha, wife of the head", "thumbprint", 1)


def test_a_line_gives_one_kit_or_one_item_to_one_recipient(setup: Setup) -> None:
    event = event_at(setup, date(2025, 12, 3))
    person = add_person(setup.store)
    with pytest.raises(InvalidInput):
        record_distribution(setup.store, event_id=event, person_id=person)
    with pytest.raises(InvalidInput):
        record_distribution(setup.store, event_id=event, item_id=setup.ids["MAT"])
    with pytest.raises(InvalidInput):
        record_distribution(
            setup.store, event_id=event, person_id=person, item_id=setup.ids["MAT"], proof="photo"
        )


def test_tallies_count_in_item_totals(setup: Setup) -> None:
    event = event_at(setup, date(2025, 12, 3))
    record_distribution(
        setup.store,
        event_id=event,
        household_id=add_household(setup.store),
        kit_type_id=setup.ids["KIT_GRAND_FROID"],
    )
    tally = record_tally(
        setup.store,
        event_id=event,
        occurred_at=datetime(2025, 12, 3, 15),
        households=12,
        persons={"female_18_59": 14, "male_60_plus": 5, "unknown_sex_age": 3},
        items={setup.ids["BLANKET"]: 30},
        kits={setup.ids["KIT_GRAND_FROID"]: 12},
    )
    totals = items_distributed(setup.store.db)
    assert totals["BLANKET"] == 30
    assert totals["FLOUR"] == 13 * 10
    row = setup.store.db.execute(
        "SELECT households, female_18_59, male_60_plus, unknown_sex_age, geo_code FROM tally "
        "WHERE id = ?",
        [tally],
    ).fetchone()
    assert row == (12, 14, 5, 3, setup.douar)


def test_tally_refuses_an_unknown_band_or_a_negative_count(setup: Setup) -> None:
    event = event_at(setup, date(2025, 12, 3))
    with pytest.raises(InvalidInput):
        record_tally(
            setup.store,
            event_id=event,
            occurred_at=datetime(2025, 12, 3),
            persons={"female_teen": 2},
        )
    with pytest.raises(InvalidInput):
        record_tally(setup.store, event_id=event, occurred_at=datetime(2025, 12, 3), households=-1)


def test_voided_line_leaves_the_totals(setup: Setup) -> None:
    event = event_at(setup, date(2025, 12, 3))
    line = record_distribution(
        setup.store,
        event_id=event,
        person_id=add_person(setup.store),
        item_id=setup.ids["MAT"],
        qty=2,
    ).record_id
    assert items_distributed(setup.store.db)["MAT"] == 2
    void_distribution_line(setup.store, line_id=line, reason="entered twice")
    assert "MAT" not in items_distributed(setup.store.db)


def test_reconciliation_shows_the_difference(setup: Setup) -> None:
    store = setup.store
    warehouse = add_warehouse(store, name="Entrepôt Khénifra")
    round_id = rural_round(setup)
    load_stock(
        store,
        round_id=round_id,
        at=datetime(2025, 12, 3, 6),
        from_location_id=warehouse,
        items={setup.ids["BLANKET"]: 50},
        kits={setup.ids["KIT_GRAND_FROID"]: 10},
    )
    event = event_at(setup, date(2025, 12, 3), round_id=round_id)
    for n in range(6):
        record_distribution(
            store,
            event_id=event,
            household_id=add_household(store, f"H{n}"),
            kit_type_id=setup.ids["KIT_GRAND_FROID"],
        )
    record_tally(
        store,
        event_id=event,
        occurred_at=datetime(2025, 12, 3, 12),
        items={setup.ids["BLANKET"]: 20},
    )
    record_encounter(
        store,
        round_id=round_id,
        occurred_at=datetime(2025, 12, 3, 17),
        living_situation="makeshift_shelter",
        anon_sex="m",
        items={setup.ids["BLANKET"]: 2},
    )
    result = end_round(
        store,
        round_id=round_id,
        ended_at=datetime(2025, 12, 3, 19),
        to_location_id=warehouse,
        returned={setup.ids["BLANKET"]: 25, setup.ids["FLOUR"]: 40},
    )
    blanket = result.row("BLANKET")
    assert blanket is not None
    assert (blanket.loaded, blanket.given, blanket.returned, blanket.difference) == (
        50,
        22,
        25,
        3,
    )
    flour = result.row("FLOUR")
    assert flour is not None and (flour.loaded, flour.given, flour.returned) == (100, 60, 40)
    assert flour.difference == 0
    rice = result.row("RICE")
    assert rice is not None and rice.difference == 20  # rice was not returned
    assert {r.item_code for r in result.discrepancies} >= {"BLANKET", "RICE"}
    assert "FLOUR" not in {r.item_code for r in result.discrepancies}
    assert round_reconciliation(store, round_id=round_id).rows == result.rows
    with pytest.raises(RuleViolation):
        load_stock(
            store, round_id=round_id, at=datetime(2025, 12, 3, 20), items={setup.ids["MAT"]: 1}
        )


def test_anonymous_encounter_is_allowed(setup: Setup) -> None:
    round_id = start_round(
        setup.store,
        kind="street",
        started_at=datetime(2025, 12, 10, 21),
        team_name="Samu social",
        zone="Centre-ville",
    )
    result = record_encounter(
        setup.store,
        round_id=round_id,
        occurred_at=datetime(2025, 12, 10, 23),
        anon_sex="m",
        anon_age_band="60_plus",
        living_situation="street",
        condition_flags=["hypothermia_risk", "intoxicated"],
        shelter_offered=True,
        outcome="refused_shelter",
        items={setup.ids["BLANKET"]: 1, setup.ids["HOT_MEAL"]: 1},
    )
    row = setup.store.db.execute(
        "SELECT person_id, anon_sex, anon_age_band, condition_flags, outcome FROM encounter "
        "WHERE id = ?",
        [result.encounter_id],
    ).fetchone()
    assert row[:3] == (None, "m", "60_plus")
    assert json.loads(row[3]) == ["hypothermia_risk", "intoxicated"]
    assert row[4] == "refused_shelter"
    assert len(result.item_record_ids) == 2


def test_encounter_needs_a_person_or_a_description(setup: Setup) -> None:
    with pytest.raises(InvalidInput):
        record_encounter(
            setup.store, occurred_at=datetime(2025, 12, 10, 23), living_situation="street"
        )


def test_encounter_refuses_an_unknown_condition_flag(setup: Setup) -> None:
    with pytest.raises(InvalidInput):
        record_encounter(
            setup.store,
            occurred_at=datetime(2025, 12, 10, 23),
            anon_sex="f",
            living_situation="street",
            condition_flags=["sad"],
        )


def test_shelter_outcome_needs_shelter_offered(setup: Setup) -> None:
    with pytest.raises(InvalidInput):
        record_encounter(
            setup.store,
            occurred_at=datetime(2025, 12, 10, 23),
            anon_sex="f",
            living_situation="street",
            outcome="accepted_shelter",
        )


def test_known_person_encounter_blanket_counts_against_the_campaign_rule(setup: Setup) -> None:
    person = add_person(setup.store)
    record_encounter(
        setup.store,
        occurred_at=datetime(2025, 12, 10, 23),
        person_id=person,
        living_situation="station",
        items={setup.ids["BLANKET"]: 1},
    )
    with pytest.raises(RuleViolation):
        record_distribution(
            setup.store,
            event_id=event_at(setup, date(2025, 12, 12)),
            person_id=person,
            item_id=setup.ids["BLANKET"],
        )
