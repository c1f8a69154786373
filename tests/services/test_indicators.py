"""Campaign indicators: each figure follows its written definition on a small real
dataset recorded through the services, with corrections, merges and anonymous
counts in it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pytest

from coldwave_app.domain.errors import InvalidInput
from coldwave_app.domain.vocabulary import RiskLevel
from coldwave_app.services.campaign_setup import (
    add_shelter,
    add_standard_catalogue,
    add_target,
    create_campaign,
)
from coldwave_app.services.cases import (
    open_case,
    record_follow_up,
    record_return,
    refer,
    start_reintegration,
    update_referral_status,
)
from coldwave_app.services.cold_alert import declare_cold_alert
from coldwave_app.services.dedup import merge_persons
from coldwave_app.services.indicators import (
    INDICATORS,
    admissions,
    anonymous_contacts,
    average_length_of_stay,
    bed_nights,
    campaign_indicators,
    compute,
    douars_reached_vs_targeted,
    family_reintegrations,
    follow_ups_overdue,
    households_reached,
    items_distributed,
    meals_served,
    occupancy_rate,
    orientations,
    persons_identified,
    persons_reached,
    persons_sheltered,
    referrals_completed,
    shelter_refusals,
)
from coldwave_app.services.outreach import (
    record_distribution,
    record_distribution_event,
    record_encounter,
    record_tally,
    start_round,
    void_distribution_line,
)
from coldwave_app.services.people import record_consent, register_household, register_person
from coldwave_app.services.shelter import (
    check_in,
    check_out,
    record_roll_call,
    record_service,
    void_bed_night,
)
from coldwave_app.storage.local_store import LocalStore

PROVINCE = "05.301"
START = date(2026, 1, 1)
END = date(2026, 1, 31)


@dataclass
class World:
    store: LocalStore
    ids: dict[str, str]  # item and kit ids by code
    shelter: str
    other_shelter: str
    beds: dict[str, str]  # label -> id, both shelters
    douars: list[str]
    round_id: str


@pytest.fixture
def world(store: LocalStore) -> World:
    create_campaign(store, name="Hiver", province_code=PROVINCE, period_start=date(2025, 11, 17))
    ids = add_standard_catalogue(store)
    shelter = add_shelter(
        store,
        name_ar="مركز الإيواء",
        name_fr="Centre Khénifra",
        geo_code=PROVINCE,
        rooms={"A": 3},
        overflow_beds=2,
    )
    other = add_shelter(
        store, name_ar="مركز آخر", name_fr="Centre Mrirt", geo_code=PROVINCE, rooms={"C": 2}
    )
    beds = {
        str(label): str(bed_id)
        for label, bed_id in store.db.execute("SELECT label, id FROM bed").fetchall()
    }
    douars = [
        str(r[0])
        for r in store.db.execute(
            "SELECT code FROM geo_unit WHERE level = 'douar' AND province_code = ? "
            "ORDER BY code LIMIT 4",
            [PROVINCE],
        ).fetchall()
    ]
    round_id = start_round(
        store, kind="rural", started_at=datetime(2025, 12, 1, 7), team_name="Équipe 1", zone="Z"
    )
    return World(store, ids, shelter, other, beds, douars, round_id)


def person(world: World, name: str, *, sex: str = "m", birth_year: int | None = None) -> str:
    return register_person(
        world.store, sex=sex, known_as=name, birth_year=birth_year, today=date(2026, 1, 1)
    ).id


def encounter(world: World, day: date, *, person_id: str | None = None, **kwargs: object) -> str:
    anon = {} if person_id else {"anon_sex": kwargs.pop("anon_sex", "m")}
    return record_encounter(
        world.store,
        occurred_at=datetime.combine(day, datetime.min.time()).replace(hour=22),
        living_situation="street",
        person_id=person_id,
        **anon,  # type: ignore[arg-type]
        **kwargs,  # type: ignore[arg-type]
    ).encounter_id


def stay(
    world: World,
    person_id: str,
    entry: date,
    *,
    nights: int = 0,
    exit_to: str | None = None,
    bed: str = "A-01",
) -> str:
    """Admit on `entry`, take the roll call of the next `nights` nights, and leave
    the morning after the last one when `exit_to` is given."""
    facility = world.other_shelter if bed.startswith("C") else world.shelter
    store = world.store
    stay_id = check_in(
        store,
        person_id=person_id,
        facility_id=facility,
        bed_id=world.beds[bed],
        entry_route="self",
        at=datetime.combine(entry, datetime.min.time()).replace(hour=19),
    )
    for n in range(nights):
        night = date.fromordinal(entry.toordinal() + n)
        record_roll_call(
            store,
            facility_id=facility,
            night=night,
            now=datetime.combine(night, datetime.min.time()).replace(hour=23),
            present={person_id},
        )
    if exit_to is not None:
        leave = date.fromordinal(entry.toordinal() + max(nights, 1))
        check_out(
            store,
            stay_id=stay_id,
            at=datetime.combine(leave, datetime.min.time()).replace(hour=8),
            destination=exit_to,
        )
    return stay_id


def event(world: World, day: date, douar: str) -> str:
    return record_distribution_event(
        world.store, occurred_on=day, access_mode="4x4", geo_code=douar, round_id=world.round_id
    )


def tally(world: World, day: date, douar: str, **kwargs: object) -> str:
    return record_tally(
        world.store,
        occurred_at=datetime.combine(day, datetime.min.time()).replace(hour=12),
        round_id=world.round_id,
        geo_code=douar,
        **kwargs,  # type: ignore[arg-type]
    )


def household(world: World, douar: str, **kwargs: object) -> str:
    return register_household(world.store, geo_code=douar, **kwargs).id  # type: ignore[arg-type]


# --- street track and shelters ----------------------------------------------------------


def test_persons_identified_counts_a_merged_person_once(world: World) -> None:
    first_seen = person(world, "Hammou")
    encounter(world, date(2026, 1, 10), person_id=first_seen)
    known = person(world, "Moha")
    encounter(world, date(2025, 12, 20), person_id=known)
    encounter(world, date(2026, 1, 10), person_id=known)
    twin_a, twin_b = person(world, "Bouchaib"), person(world, "Bouchaïb")
    encounter(world, date(2026, 1, 12), person_id=twin_a)
    encounter(world, date(2025, 12, 5), person_id=twin_b)
    merge_persons(world.store, a=twin_a, b=twin_b, reason="same man, same corner")
    later = person(world, "Driss")
    encounter(world, date(2026, 2, 3), person_id=later)
    encounter(world, date(2026, 1, 10))  # anonymous: not an identified person

    assert persons_identified(world.store, START, END) == {"total": 3, "new": 1, "known": 2}


def test_anonymous_contacts_count_encounters_without_a_person(world: World) -> None:
    encounter(world, date(2026, 1, 3), anon_sex="m")
    encounter(world, date(2026, 1, 4), anon_sex="f")
    mistake = encounter(world, date(2026, 1, 5), anon_sex="f")
    world.store.writer().correct("encounter", mistake, kind="void", reason="entered twice")
    encounter(world, date(2026, 2, 1), anon_sex="m")
    encounter(world, date(2026, 1, 6), person_id=person(world, "Hammou"))

    assert anonymous_contacts(world.store, START, END) == {
        "total": 2,
        "by_sex": {"f": 1, "m": 1},
    }


def test_persons_sheltered_count_a_merged_person_once_and_need_a_bed_night(
    world: World,
) -> None:
    a, b = person(world, "Hammou"), person(world, "Hamou")
    stay(world, a, date(2026, 1, 3), nights=1, exit_to="left_without_notice")
    stay(world, b, date(2026, 1, 8), nights=2, exit_to="left_without_notice")
    merge_persons(world.store, a=a, b=b, reason="same man")
    stay(world, person(world, "Moha"), date(2026, 1, 9), nights=1, bed="A-02")
    stay(world, person(world, "Driss"), date(2026, 1, 9), nights=0, bed="A-03")  # no night

    assert persons_sheltered(world.store, START, END) == 2
    assert persons_sheltered(world.store, START, END, facility_id=world.other_shelter) == 0


def test_admissions_count_stays_begun_in_the_period(world: World) -> None:
    regular = person(world, "Hammou")
    stay(world, regular, date(2025, 12, 30), nights=1, exit_to="left_without_notice")
    stay(world, regular, date(2026, 1, 4), nights=1, exit_to="left_without_notice")
    stay(world, regular, date(2026, 1, 9), nights=1)
    stay(world, person(world, "Moha"), date(2026, 1, 9), bed="C-01")

    assert admissions(world.store, START, END) == 3
    assert admissions(world.store, START, END, facility_id=world.shelter) == 2


def test_bed_nights_exclude_voided_nights(world: World) -> None:
    resident = person(world, "Hammou")
    stay(world, resident, date(2026, 1, 5), nights=3)
    stay(world, person(world, "Moha"), date(2026, 1, 5), nights=1, bed="C-01")
    wrong = world.store.db.execute(
        "SELECT id FROM bed_night WHERE person_id = ? AND night_date = '2026-01-06'", [resident]
    ).fetchone()[0]
    void_bed_night(world.store, bed_night_id=wrong, reason="was at the hospital")

    assert bed_nights(world.store, START, END) == 3
    assert bed_nights(world.store, START, END, facility_id=world.shelter) == 2
    assert bed_nights(world.store, date(2026, 1, 7), END, facility_id=world.shelter) == 1


def test_occupancy_rate_uses_active_beds(world: World) -> None:
    store = world.store
    store.writer().update("bed", world.beds["A-03"], {"active": 0})
    one, two = person(world, "Hammou"), person(world, "Moha")
    stay(world, one, date(2026, 1, 5), nights=1)
    stay(world, two, date(2026, 1, 5), nights=1, bed="A-02")
    # Night of the 5th: 2 residents in the 2 active regular beds.
    assert occupancy_rate(store, date(2026, 1, 5), date(2026, 1, 5)) == 1.0

    declare_cold_alert(
        store,
        level="orange",
        starts_on=date(2026, 1, 6),
        ends_on=date(2026, 1, 8),
        province_codes=[PROVINCE],
    )
    record_roll_call(
        store,
        facility_id=world.shelter,
        night=date(2026, 1, 6),
        now=datetime(2026, 1, 6, 23),
        present={one, two},
    )
    # Night of the 6th: the 2 overflow beds open too, so 2 of 4; overall 4 of 6.
    assert occupancy_rate(store, date(2026, 1, 6), date(2026, 1, 6)) == 0.5
    assert occupancy_rate(store, START, END) == round(4 / 6, 4)
    assert occupancy_rate(store, date(2026, 2, 1), date(2026, 2, 28)) == 0.0


def test_shelter_refusals_include_anonymous_encounters(world: World) -> None:
    known = person(world, "Hammou")
    encounter(
        world,
        date(2026, 1, 5),
        person_id=known,
        shelter_offered=True,
        outcome="refused_shelter",
    )
    encounter(world, date(2026, 1, 6), shelter_offered=True, outcome="refused_shelter")
    encounter(world, date(2026, 1, 7), shelter_offered=True, outcome="accepted_shelter")
    encounter(world, date(2026, 2, 7), shelter_offered=True, outcome="refused_shelter")

    assert shelter_refusals(world.store, START, END) == 2


def test_meals_served_split_street_and_centre(world: World) -> None:
    resident = person(world, "Hammou")
    stay_id = stay(world, resident, date(2026, 1, 5), nights=1)
    record_service(world.store, stay_id=stay_id, service_type="meal", at=datetime(2026, 1, 5, 20))
    record_service(
        world.store, stay_id=stay_id, service_type="meal", at=datetime(2026, 1, 6, 7), quantity=2
    )
    record_service(world.store, stay_id=stay_id, service_type="shower", at=datetime(2026, 1, 6, 7))
    encounter(world, date(2026, 1, 6), items={world.ids["HOT_MEAL"]: 1, world.ids["BLANKET"]: 1})
    tally(world, date(2026, 1, 7), world.douars[0], items={world.ids["COLD_RATION"]: 4})

    assert meals_served(world.store, START, END) == {"street": 5.0, "centre": 3.0, "total": 8.0}


def test_items_distributed_by_item_include_tallies_and_expand_kits(world: World) -> None:
    home = household(world, world.douars[0], head_name="Ait Ali")
    day = event(world, date(2026, 1, 10), world.douars[0])
    record_distribution(
        world.store, event_id=day, household_id=home, kit_type_id=world.ids["KIT_GRAND_FROID"]
    )
    wrong = record_distribution(
        world.store, event_id=day, household_id=home, item_id=world.ids["BLANKET"], qty=5
    )
    void_distribution_line(world.store, line_id=wrong.record_id, reason="counted twice")
    tally(world, date(2026, 1, 10), world.douars[1], items={world.ids["BLANKET"]: 3})
    encounter(world, date(2026, 1, 11), items={world.ids["BLANKET"]: 1})

    given = items_distributed(world.store, START, END)
    assert given["BLANKET"] == 4.0
    assert given["FLOUR"] == 10.0
    assert given["TEA"] == 0.5
    assert items_distributed(world.store, date(2026, 2, 1), date(2026, 2, 28)) == {}


# --- rural track ----------------------------------------------------------------------


def test_households_reached_include_anonymous_tallies(world: World) -> None:
    red, other = world.douars[0], world.douars[1]
    add_target(world.store, geo_code=red, risk_level=RiskLevel.RED, target_households=40)
    first, second = (
        household(world, red, head_name="Ait Ali"),
        household(world, red, head_name="Ou Said"),
    )
    day = event(world, date(2026, 1, 10), red)
    kit = world.ids["KIT_GRAND_FROID"]
    record_distribution(world.store, event_id=day, household_id=first, kit_type_id=kit)
    record_distribution(world.store, event_id=day, household_id=first, item_id=world.ids["BLANKET"])
    record_distribution(world.store, event_id=day, household_id=second, kit_type_id=kit)
    tally(world, date(2026, 1, 11), other, households=3, persons={"unknown_sex_age": 9})

    assert households_reached(world.store, START, END) == {
        "total": 5,
        "by_douar": {red: 2, other: 3},
        "by_risk_level": {"red": 2, "untargeted": 3},
    }


def test_persons_reached_by_sex_and_age_count_registered_people_once(world: World) -> None:
    douar = world.douars[0]
    add_target(world.store, geo_code=douar, risk_level=RiskLevel.ORANGE)
    head = person(world, "Moha", birth_year=1950)
    home = household(
        world, douar, head_person_id=head, size_declared=4, counts_by_sex_age={"female_0_17": 2}
    )
    day = event(world, date(2026, 1, 10), douar)
    record_distribution(
        world.store, event_id=day, household_id=home, kit_type_id=world.ids["KIT_GRAND_FROID"]
    )
    # The head also got a blanket of his own: still one person.
    record_distribution(world.store, event_id=day, person_id=head, item_id=world.ids["BLANKET"])
    tally(world, date(2026, 1, 10), douar, persons={"male_18_59": 2})

    reached = persons_reached(world.store, START, END)
    assert reached["total"] == 6
    assert reached["by_sex_age"] == {
        "male_0_17": 0,
        "female_0_17": 2,
        "male_18_59": 2,
        "female_18_59": 0,
        "male_60_plus": 1,
        "female_60_plus": 0,
        "unknown_sex_age": 1,
    }
    assert reached["by_douar"] == {douar: 6}
    assert reached["by_risk_level"] == {"orange": 6}


def test_douars_reached_vs_targeted_by_risk_level(world: World) -> None:
    red, orange, yellow, untargeted = world.douars
    add_target(world.store, geo_code=red, risk_level=RiskLevel.RED)
    add_target(world.store, geo_code=orange, risk_level=RiskLevel.ORANGE)
    add_target(world.store, geo_code=yellow, risk_level=RiskLevel.YELLOW)
    home = household(world, red, head_name="Ait Ali")
    record_distribution(
        world.store,
        event_id=event(world, date(2026, 1, 10), red),
        household_id=home,
        item_id=world.ids["BLANKET"],
    )
    tally(world, date(2026, 1, 11), orange, households=2)
    tally(world, date(2026, 1, 12), untargeted, households=1)
    tally(world, date(2026, 2, 12), yellow, households=1)  # after the period

    assert douars_reached_vs_targeted(world.store, START, END) == {
        "red": {"targeted": 1, "reached": 1},
        "orange": {"targeted": 1, "reached": 1},
        "yellow": {"targeted": 1, "reached": 0},
        "total": {"targeted": 3, "reached": 2},
        "untargeted": 1,
    }


# --- case work ----------------------------------------------------------------------------


def _case(world: World, person_id: str) -> str:
    return open_case(
        world.store, person_id=person_id, opened_at=date(2026, 1, 3), window_name="Guichet"
    )


def test_family_reintegrations_count_a_person_once_across_case_and_shelter(world: World) -> None:
    back_home = person(world, "Hammou")
    stay(world, back_home, date(2026, 1, 5), nights=2, exit_to="family_reintegration")
    reintegration = start_reintegration(world.store, case_id=_case(world, back_home))
    record_return(world.store, reintegration_id=reintegration, returned_on=date(2026, 1, 7))
    stay(
        world,
        person(world, "Moha"),
        date(2026, 1, 20),
        nights=1,
        exit_to="family_reintegration",
        bed="A-02",
    )
    stay(
        world,
        person(world, "Driss"),
        date(2026, 1, 30),
        nights=3,
        exit_to="family_reintegration",
        bed="A-03",
    )

    assert family_reintegrations(world.store, START, END) == 2


def test_orientations_count_exits_to_care_institutions(world: World) -> None:
    stay(world, person(world, "Hammou"), date(2026, 1, 5), nights=2, exit_to="care_institution")
    stay(world, person(world, "Moha"), date(2026, 1, 5), nights=2, exit_to="hospital", bed="A-02")

    assert orientations(world.store, START, END) == 1


def test_referrals_completed_count_feedback_in_the_period(world: World) -> None:
    org = str(
        world.store.writer().insert("organisation", {"name_fr": "Hôpital", "kind": "hospital"})[
            "id"
        ]
    )
    ids = []
    for name in ("Hammou", "Moha"):
        subject = person(world, name)
        record_consent(world.store, person_id=subject, purpose="referral_sharing", method="signed")
        ids.append(
            refer(
                world.store,
                case_id=_case(world, subject),
                service_type="health",
                sent_on=date(2026, 1, 5),
                to_org_id=org,
            )
        )
    for referral in ids:
        update_referral_status(
            world.store, referral_id=referral, status="accepted", feedback_on=date(2026, 1, 8)
        )
    update_referral_status(
        world.store, referral_id=ids[0], status="completed", feedback_on=date(2026, 1, 20)
    )

    assert referrals_completed(world.store, START, END) == 1
    assert referrals_completed(world.store, START, date(2026, 1, 19)) == 0


def test_average_length_of_stay_of_closed_stays(world: World) -> None:
    stay(world, person(world, "Hammou"), date(2026, 1, 5), nights=2, exit_to="own_housing")
    stay(world, person(world, "Moha"), date(2026, 1, 5), nights=4, exit_to="hospital", bed="A-02")
    stay(world, person(world, "Driss"), date(2026, 1, 5), nights=9, bed="A-03")  # still there

    assert average_length_of_stay(world.store, START, END) == 3.0
    assert average_length_of_stay(world.store, date(2026, 2, 1), date(2026, 2, 2)) is None


def test_follow_ups_overdue_count(world: World) -> None:
    late = _case(world, person(world, "Hammou"))
    record_follow_up(
        world.store,
        case_id=late,
        occurred_on=date(2026, 1, 6),
        mode="phone",
        next_date=date(2026, 1, 20),
    )
    on_time = _case(world, person(world, "Moha"))
    record_follow_up(
        world.store,
        case_id=on_time,
        occurred_on=date(2026, 1, 6),
        mode="phone",
        next_date=date(2026, 2, 5),
    )

    assert follow_ups_overdue(world.store, START, END) == 1
    assert follow_ups_overdue(world.store, START, date(2026, 1, 19)) == 0


# --- the registry ---------------------------------------------------------------------------


def test_every_indicator_has_a_definition_and_a_value(world: World) -> None:
    figures = campaign_indicators(world.store, start=START, end=END)
    assert list(figures) == [i.code for i in INDICATORS]
    assert all(len(i.definition) > 40 for i in INDICATORS)
    assert figures["bed_nights"] == 0
    assert compute(world.store, code="admissions", start=START, end=END) == 0


def test_a_period_ending_before_it_starts_is_refused(world: World) -> None:
    with pytest.raises(InvalidInput):
        campaign_indicators(world.store, start=END, end=START)
    with pytest.raises(InvalidInput):
        compute(world.store, code="luck", start=START, end=END)
