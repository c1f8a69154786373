"""Entitlement rules checked at entry: refused with the earlier record named, or
overridden by a supervisor with a reason, and fast on a season of data."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from helpers.outreach import (
    Setup,
    add_household,
    add_person,
    add_user,
    campaign_with_rules,
    event_at,
)

from coldwave_app.domain.entitlement_rules import Per, Period, RuleKind
from coldwave_app.domain.errors import InvalidInput, RuleViolation
from coldwave_app.domain.ids import new_id
from coldwave_app.services.entitlements import add_rule, check_entitlement
from coldwave_app.services.outreach import (
    record_distribution,
    record_encounter,
    start_round,
    void_distribution_line,
)
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.storage.outreach_repo import OutreachRepo


@pytest.fixture
def setup(store: LocalStore) -> Setup:
    return campaign_with_rules(store)


def give(setup: Setup, event: str, person: str, code: str, **kw: Any) -> str:
    result = record_distribution(
        setup.store,
        event_id=event,
        person_id=person,
        item_id=setup.ids[code],
        **kw,
    )
    return result.record_id


def test_second_blanket_in_another_round_is_refused_naming_the_first(setup: Setup) -> None:
    person = add_person(setup.store)
    round_1 = start_round(
        setup.store,
        kind="rural",
        started_at=datetime(2025, 12, 3, 7),
        team_name="Equipe A",
        zone="Aguelmous",
    )
    round_2 = start_round(
        setup.store,
        kind="rural",
        started_at=datetime(2026, 1, 9, 7),
        team_name="Equipe B",
        zone="Aguelmous",
    )
    first = give(setup, event_at(setup, date(2025, 12, 3), round_id=round_1), person, "BLANKET")
    second_event = event_at(setup, date(2026, 1, 9), douar=setup.other_douar, round_id=round_2)
    with pytest.raises(RuleViolation) as caught:
        give(setup, second_event, person, "BLANKET")
    params = caught.value.params
    assert params["rule"] == "ONE_BLANKET_PER_PERSON"
    assert params["when"] == "2025-12-03"
    assert setup.douar in params["where"]
    assert params["who"] == "amina"
    assert params["earlier_id"] == first
    assert "2025-12-03" in str(caught.value)


def test_refused_line_is_not_written(setup: Setup) -> None:
    person = add_person(setup.store)
    give(setup, event_at(setup, date(2025, 12, 3)), person, "BLANKET")
    with pytest.raises(RuleViolation):
        give(setup, event_at(setup, date(2025, 12, 4)), person, "BLANKET")
    count = setup.store.db.execute("SELECT count(*) FROM distribution_line").fetchone()[0]
    assert count == 1


def test_override_without_reason_is_refused(setup: Setup) -> None:
    person = add_person(setup.store)
    give(setup, event_at(setup, date(2025, 12, 3)), person, "BLANKET")
    with pytest.raises(InvalidInput):
        give(setup, event_at(setup, date(2025, 12, 4)), person, "BLANKET", override_reason="  ")


def test_override_by_an_outreach_worker_is_refused(setup: Setup) -> None:
    person = add_person(setup.store)
    worker = add_user(setup.store, username="youssef", role="outreach_worker")
    give(setup, event_at(setup, date(2025, 12, 3)), person, "BLANKET")
    with pytest.raises(RuleViolation) as caught:
        give(
            setup,
            event_at(setup, date(2025, 12, 4)),
            person,
            "BLANKET",
            override_reason="blanket soaked",
            supervisor=worker,
        )
    assert "override" in caught.value.msgid


def test_override_by_a_campaign_lead_is_recorded(setup: Setup) -> None:
    person = add_person(setup.store)
    lead = add_user(setup.store, username="khadija", role="campaign_lead")
    first = give(setup, event_at(setup, date(2025, 12, 3)), person, "BLANKET")
    result = record_distribution(
        setup.store,
        event_id=event_at(setup, date(2025, 12, 20)),
        person_id=person,
        item_id=setup.ids["BLANKET"],
        override_reason="first blanket soaked in the flood",
        supervisor=lead,
    )
    assert [w.rule_code for w in result.warnings] == ["ONE_BLANKET_PER_PERSON"]
    override = setup.store.db.execute(
        "SELECT o.id, o.reason, o.approved_by, o.person_id, o.earlier_record_id, r.code "
        "FROM entitlement_override o JOIN entitlement_rule r ON r.id = o.rule_id"
    ).fetchone()
    assert override[1:] == (
        "first blanket soaked in the flood",
        lead,
        person,
        first,
        "ONE_BLANKET_PER_PERSON",
    )
    line_override = setup.store.db.execute(
        "SELECT override_id FROM distribution_line WHERE id = ?", [result.record_id]
    ).fetchone()[0]
    assert line_override == override[0] == result.override_ids[0]
    outbox = setup.store.db.execute(
        "SELECT count(*) FROM change_log WHERE table_name = 'entitlement_override'"
    ).fetchone()[0]
    assert outbox == 1


def test_override_reason_without_violation_records_no_override(setup: Setup) -> None:
    person = add_person(setup.store)
    result = record_distribution(
        setup.store,
        event_id=event_at(setup, date(2025, 12, 3)),
        person_id=person,
        item_id=setup.ids["BLANKET"],
        override_reason="just in case",
    )
    assert result.override_ids == [] and result.warnings == []


def test_one_food_kit_per_household_per_wave_and_the_next_wave_is_allowed(setup: Setup) -> None:
    household = add_household(setup.store)
    kit = setup.ids["KIT_GRAND_FROID"]
    record_distribution(
        setup.store,
        event_id=event_at(setup, date(2025, 12, 5)),
        household_id=household,
        kit_type_id=kit,
    )
    with pytest.raises(RuleViolation) as caught:
        record_distribution(
            setup.store,
            event_id=event_at(setup, date(2025, 12, 28)),
            household_id=household,
            kit_type_id=kit,
        )
    assert caught.value.params["rule"] == "ONE_FOOD_KIT_PER_HOUSEHOLD_PER_WAVE"
    second_wave = record_distribution(
        setup.store,
        event_id=event_at(setup, date(2026, 1, 6)),
        household_id=household,
        kit_type_id=kit,
    )
    assert second_wave.warnings == []


def test_kit_rule_does_not_bind_another_household(setup: Setup) -> None:
    kit = setup.ids["KIT_GRAND_FROID"]
    event = event_at(setup, date(2025, 12, 5))
    for code in ("H-1", "H-2"):
        record_distribution(
            setup.store,
            event_id=event,
            household_id=add_household(setup.store, code),
            kit_type_id=kit,
        )


def test_at_most_three_meals_per_person_per_day(setup: Setup) -> None:
    person = add_person(setup.store)
    for _ in range(3):
        give(setup, event_at(setup, date(2025, 12, 10)), person, "HOT_MEAL")
    with pytest.raises(RuleViolation) as caught:
        give(setup, event_at(setup, date(2025, 12, 10)), person, "COLD_RATION")
    assert caught.value.params["rule"] == "THREE_MEALS_PER_PERSON_PER_DAY"
    give(setup, event_at(setup, date(2025, 12, 11)), person, "HOT_MEAL")


def test_hot_meal_excludes_cold_ration_in_the_same_sitting(setup: Setup) -> None:
    person = add_person(setup.store)
    sitting = event_at(setup, date(2025, 12, 10))
    give(setup, sitting, person, "HOT_MEAL")
    with pytest.raises(RuleViolation) as caught:
        give(setup, sitting, person, "COLD_RATION")
    assert caught.value.params["rule"] == "HOT_MEAL_EXCLUDES_COLD_RATION"
    give(setup, event_at(setup, date(2025, 12, 10)), person, "COLD_RATION")


def test_hot_meal_and_cold_ration_in_one_street_encounter_are_refused(setup: Setup) -> None:
    person = add_person(setup.store)
    with pytest.raises(RuleViolation) as caught:
        record_encounter(
            setup.store,
            occurred_at=datetime(2025, 12, 10, 22),
            living_situation="street",
            person_id=person,
            geo_code=setup.douar,
            items={setup.ids["HOT_MEAL"]: 1, setup.ids["COLD_RATION"]: 1},
        )
    assert caught.value.params["rule"] == "HOT_MEAL_EXCLUDES_COLD_RATION"


def test_meals_from_street_encounters_count_towards_the_daily_limit(setup: Setup) -> None:
    person = add_person(setup.store)
    for hour in (8, 13, 19):
        record_encounter(
            setup.store,
            occurred_at=datetime(2025, 12, 10, hour),
            living_situation="street",
            person_id=person,
            items={setup.ids["HOT_MEAL"]: 1},
        )
    with pytest.raises(RuleViolation):
        give(setup, event_at(setup, date(2025, 12, 10)), person, "HOT_MEAL")


def test_voided_line_frees_the_entitlement(setup: Setup) -> None:
    person = add_person(setup.store)
    first = give(setup, event_at(setup, date(2025, 12, 3)), person, "BLANKET")
    void_distribution_line(setup.store, line_id=first, reason="given to the wrong person")
    give(setup, event_at(setup, date(2025, 12, 4)), person, "BLANKET")


def test_voiding_needs_a_reason_and_a_live_line(setup: Setup) -> None:
    person = add_person(setup.store)
    line = give(setup, event_at(setup, date(2025, 12, 3)), person, "BLANKET")
    with pytest.raises(InvalidInput):
        void_distribution_line(setup.store, line_id=line, reason=" ")
    void_distribution_line(setup.store, line_id=line, reason="wrong person")
    with pytest.raises(InvalidInput):
        void_distribution_line(setup.store, line_id=line, reason="again")


def test_exclusion_rule_needs_its_excluded_item(setup: Setup) -> None:
    with pytest.raises(InvalidInput):
        add_rule(
            setup.store,
            code="X",
            kind=RuleKind.EXCLUDES_IN_SITTING,
            per=Per.PERSON,
            period=Period.SITTING,
            item_id=setup.ids["HOT_MEAL"],
        )


def test_limit_rule_needs_a_positive_quantity(setup: Setup) -> None:
    with pytest.raises(InvalidInput):
        add_rule(
            setup.store,
            code="X",
            kind=RuleKind.MAX_PER_PERIOD,
            per=Per.PERSON,
            period=Period.DAY,
            item_id=setup.ids["MAT"],
            max_qty=0,
        )


def test_check_on_a_season_of_lines_uses_the_recipient_indexes(setup: Setup) -> None:
    store = setup.store
    people = [new_id() for _ in range(2000)]
    store.writer().insert_many(
        "person",
        [
            {
                "id": p,
                "name_quality": "alias",
                "sex": "m",
                "dob_quality": "unknown",
                "beneficiary_code": f"P{n}",
            }
            for n, p in enumerate(people)
        ],
    )
    events = [event_at(setup, date(2025, 12, 1 + n)) for n in range(20)]
    store.writer().insert_many(
        "distribution_line",
        [
            {
                "event_id": events[n % 20],
                "person_id": people[n % 2000],
                "item_id": setup.ids["FIREWOOD"],
                "qty": 10,
            }
            for n in range(20_000)
        ],
    )
    assert store.db.execute("SELECT count(*) FROM distribution_line").fetchone()[0] == 20_000
    store.db.execute("ANALYZE")
    plan = OutreachRepo(store.db).grants_plan(person_id=people[7])
    assert "USING INDEX ix_distribution_line_person" in plan
    assert "USING INDEX ix_service_person" in plan
    assert "SCAN l" not in plan and "SCAN s" not in plan
    household_plan = OutreachRepo(store.db).grants_plan(household_id="h")
    assert "USING INDEX ix_distribution_line_household" in household_plan
    violations = check_entitlement(
        store, day="2025-12-25", sitting_id="x", person_id=people[7], item_id=setup.ids["BLANKET"]
    )
    assert violations == []
