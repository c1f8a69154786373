"""The shelter desk: beds are never double-given, a bed night exists only when a roll
call saw the person, and every write lands in the outbox."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pytest

from coldwave_app.domain.errors import InvalidInput, RuleViolation
from coldwave_app.domain.shelter_rules import (
    BedState,
    length_of_stay,
    nights_between,
    roll_call_is_late,
    stay_covers_night,
)
from coldwave_app.services.campaign_setup import add_shelter, create_campaign
from coldwave_app.services.cold_alert import declare_cold_alert
from coldwave_app.services.shelter import (
    auto_exit_absent,
    bed_board,
    check_in,
    check_out,
    move_bed,
    occupancy,
    occupancy_by_night,
    record_roll_call,
    record_service,
    residents,
    void_bed_night,
)
from coldwave_app.storage.local_store import LocalStore

PROVINCE = "05.301"
NIGHT = date(2026, 1, 5)
EVENING = datetime(2026, 1, 5, 20, 0)
NEXT_MORNING = datetime(2026, 1, 6, 8, 0)


@dataclass
class Shelter:
    store: LocalStore
    facility_id: str
    other_facility_id: str
    beds: dict[str, str]  # label -> id
    other_beds: dict[str, str]


def _beds(store: LocalStore, facility_id: str) -> dict[str, str]:
    rows = store.db.execute("SELECT label, id FROM bed WHERE facility_id = ?", [facility_id])
    return {str(label): str(bed_id) for label, bed_id in rows.fetchall()}


@pytest.fixture
def shelter(store: LocalStore) -> Shelter:
    create_campaign(store, name="Hiver", province_code=PROVINCE, period_start=date(2025, 11, 17))
    facility = add_shelter(
        store,
        name_ar="مركز الإيواء",
        name_fr="Centre Khénifra",
        geo_code=PROVINCE,
        rooms={"A": 3, "B": 2},
        overflow_beds=2,
    )
    other = add_shelter(
        store, name_ar="مركز آخر", name_fr="Centre Mrirt", geo_code=PROVINCE, rooms={"C": 2}
    )
    return Shelter(store, facility, other, _beds(store, facility), _beds(store, other))


def add_person(store: LocalStore, name: str, sex: str = "m") -> str:
    row = store.writer().insert(
        "person",
        {
            "known_as": name,
            "name_quality": "alias",
            "sex": sex,
            "dob_quality": "unknown",
            "beneficiary_code": f"P-{name}",
        },
    )
    return str(row["id"])


def admit(s: Shelter, person_id: str, bed: str, at: datetime = EVENING) -> str:
    return check_in(
        s.store,
        person_id=person_id,
        facility_id=s.facility_id,
        bed_id=s.beds[bed],
        entry_route="outreach_team",
        at=at,
    )


def outbox_count(store: LocalStore) -> int:
    return int(store.db.execute("SELECT count(*) FROM outbox").fetchone()[0])


def board_state(s: Shelter, bed: str, on: date = NIGHT) -> BedState:
    rows = bed_board(s.store, facility_id=s.facility_id, on=on)
    return next(r.state for r in rows if r.bed.label == bed)


def test_check_in_then_bed_is_occupied(shelter: Shelter) -> None:
    said = add_person(shelter.store, "Said")
    assert board_state(shelter, "A-01") is BedState.FREE
    stay_id = admit(shelter, said, "A-01")
    row = next(
        r
        for r in bed_board(shelter.store, facility_id=shelter.facility_id, on=NIGHT)
        if r.bed.label == "A-01"
    )
    assert (row.state, row.occupied_by, row.occupant_name, row.stay_id) == (
        BedState.OCCUPIED,
        said,
        "Said",
        stay_id,
    )


def test_double_check_in_in_the_same_shelter_is_refused(shelter: Shelter) -> None:
    said = add_person(shelter.store, "Said")
    admit(shelter, said, "A-01")
    with pytest.raises(RuleViolation) as caught:
        admit(shelter, said, "A-02")
    assert caught.value.params == {
        "person": "Said",
        "facility": "Centre Khénifra",
        "date": "2026-01-05",
    }


def test_double_check_in_in_another_shelter_is_refused(shelter: Shelter) -> None:
    said = add_person(shelter.store, "Said")
    admit(shelter, said, "A-01")
    with pytest.raises(RuleViolation):
        check_in(
            shelter.store,
            person_id=said,
            facility_id=shelter.other_facility_id,
            bed_id=shelter.other_beds["C-01"],
            entry_route="self",
            at=EVENING,
        )


def test_two_persons_in_the_same_bed_are_refused(shelter: Shelter) -> None:
    admit(shelter, add_person(shelter.store, "Said"), "A-01")
    with pytest.raises(RuleViolation) as caught:
        admit(shelter, add_person(shelter.store, "Hamid"), "A-01")
    assert caught.value.params == {"bed": "A-01", "person": "Said"}


def test_unknown_entry_route_is_refused(shelter: Shelter) -> None:
    with pytest.raises(InvalidInput):
        check_in(
            shelter.store,
            person_id=add_person(shelter.store, "Said"),
            facility_id=shelter.facility_id,
            bed_id=shelter.beds["A-01"],
            entry_route="taxi",
            at=EVENING,
        )


def test_inactive_bed_is_refused(shelter: Shelter) -> None:
    shelter.store.writer().update("bed", shelter.beds["A-03"], {"active": 0})
    assert board_state(shelter, "A-03") is BedState.INACTIVE
    with pytest.raises(RuleViolation):
        admit(shelter, add_person(shelter.store, "Said"), "A-03")


def test_bed_reserved_for_women_refuses_a_man(shelter: Shelter) -> None:
    shelter.store.writer().update("bed", shelter.beds["B-01"], {"sex_restriction": "f"})
    with pytest.raises(RuleViolation):
        admit(shelter, add_person(shelter.store, "Said", "m"), "B-01")
    admit(shelter, add_person(shelter.store, "Fatima", "f"), "B-01")


def test_overflow_bed_is_refused_without_cold_alert_and_accepted_with_one(
    shelter: Shelter,
) -> None:
    said = add_person(shelter.store, "Said")
    assert board_state(shelter, "X-01") is BedState.OVERFLOW_CLOSED
    with pytest.raises(RuleViolation):
        admit(shelter, said, "X-01")
    declare_cold_alert(
        shelter.store,
        level="orange",
        starts_on=date(2026, 1, 4),
        ends_on=date(2026, 1, 8),
        province_codes=[PROVINCE],
    )
    assert board_state(shelter, "X-01") is BedState.FREE
    admit(shelter, said, "X-01")
    assert board_state(shelter, "X-01") is BedState.OCCUPIED


def test_cold_alert_of_another_province_does_not_open_overflow_beds(shelter: Shelter) -> None:
    declare_cold_alert(
        shelter.store,
        level="red",
        starts_on=date(2026, 1, 4),
        ends_on=None,
        province_codes=["05.999"],
    )
    with pytest.raises(RuleViolation):
        admit(shelter, add_person(shelter.store, "Said"), "X-01")


def test_move_bed_frees_the_old_bed(shelter: Shelter) -> None:
    stay_id = admit(shelter, add_person(shelter.store, "Said"), "A-01")
    move_bed(shelter.store, stay_id=stay_id, bed_id=shelter.beds["B-02"], at=EVENING)
    assert board_state(shelter, "A-01") is BedState.FREE
    assert board_state(shelter, "B-02") is BedState.OCCUPIED


def test_move_to_an_occupied_bed_is_refused(shelter: Shelter) -> None:
    stay_id = admit(shelter, add_person(shelter.store, "Said"), "A-01")
    admit(shelter, add_person(shelter.store, "Hamid"), "A-02")
    with pytest.raises(RuleViolation):
        move_bed(shelter.store, stay_id=stay_id, bed_id=shelter.beds["A-02"], at=EVENING)


def bed_nights(s: Shelter, night: date = NIGHT) -> list[tuple[str, int]]:
    rows = s.store.db.execute(
        "SELECT person_id, recorded_late FROM bed_night WHERE night_date = ? ORDER BY person_id",
        [night.isoformat()],
    )
    return [(str(p), int(late)) for p, late in rows.fetchall()]


def test_roll_call_records_one_bed_night_per_present_person(shelter: Shelter) -> None:
    said, hamid = add_person(shelter.store, "Said"), add_person(shelter.store, "Hamid")
    admit(shelter, said, "A-01")
    admit(shelter, hamid, "A-02")
    result = record_roll_call(
        shelter.store, facility_id=shelter.facility_id, night=NIGHT, present={said}, now=EVENING
    )
    assert result.recorded == [said]
    assert bed_nights(shelter) == [(said, 0)]


def test_roll_call_by_absentees_records_the_others(shelter: Shelter) -> None:
    said, hamid = add_person(shelter.store, "Said"), add_person(shelter.store, "Hamid")
    admit(shelter, said, "A-01")
    admit(shelter, hamid, "A-02")
    record_roll_call(
        shelter.store, facility_id=shelter.facility_id, night=NIGHT, absent={hamid}, now=EVENING
    )
    assert bed_nights(shelter) == [(said, 0)]


def test_repeating_a_roll_call_does_not_double_bed_nights(shelter: Shelter) -> None:
    said = add_person(shelter.store, "Said")
    admit(shelter, said, "A-01")
    for _ in range(2):
        record_roll_call(
            shelter.store, facility_id=shelter.facility_id, night=NIGHT, present={said}, now=EVENING
        )
    assert bed_nights(shelter) == [(said, 0)]


def test_roll_call_completed_next_morning_is_marked_late(shelter: Shelter) -> None:
    said = add_person(shelter.store, "Said")
    admit(shelter, said, "A-01")
    record_roll_call(
        shelter.store,
        facility_id=shelter.facility_id,
        night=NIGHT,
        present={said},
        now=NEXT_MORNING,
    )
    assert bed_nights(shelter) == [(said, 1)]


def test_roll_call_of_a_future_night_is_refused(shelter: Shelter) -> None:
    with pytest.raises(InvalidInput):
        record_roll_call(
            shelter.store,
            facility_id=shelter.facility_id,
            night=date(2026, 1, 6),
            present=set(),
            now=EVENING,
        )


def test_check_out_frees_the_bed_and_closes_the_stay(shelter: Shelter) -> None:
    said = add_person(shelter.store, "Said")
    stay_id = admit(shelter, said, "A-01")
    check_out(
        shelter.store,
        stay_id=stay_id,
        at=NEXT_MORNING,
        destination="family_reintegration",
        date_of_engagement=date(2026, 1, 6),
    )
    assert board_state(shelter, "A-01", date(2026, 1, 6)) is BedState.FREE
    row = shelter.store.db.execute(
        "SELECT exit_at, exit_destination, date_of_engagement FROM stay WHERE id = ?", [stay_id]
    ).fetchone()
    assert row == ("2026-01-06T08:00", "family_reintegration", "2026-01-06")
    with pytest.raises(RuleViolation):
        check_out(shelter.store, stay_id=stay_id, at=NEXT_MORNING, destination="unknown")
    # Free again, so the same person can come back another night.
    admit(shelter, said, "A-02", at=datetime(2026, 1, 7, 20, 0))


def test_bed_night_for_a_checked_out_person_is_not_recorded(shelter: Shelter) -> None:
    said = add_person(shelter.store, "Said")
    stay_id = admit(shelter, said, "A-01")
    check_out(shelter.store, stay_id=stay_id, at=NEXT_MORNING, destination="own_housing")
    night = date(2026, 1, 6)
    result = record_roll_call(
        shelter.store,
        facility_id=shelter.facility_id,
        night=night,
        present={said},
        now=datetime(2026, 1, 6, 21, 0),
    )
    assert result.not_resident == [said]
    assert bed_nights(shelter, night) == []


def test_unknown_destination_is_refused(shelter: Shelter) -> None:
    stay_id = admit(shelter, add_person(shelter.store, "Said"), "A-01")
    with pytest.raises(InvalidInput):
        check_out(shelter.store, stay_id=stay_id, at=NEXT_MORNING, destination="moon")


def test_service_during_the_stay_is_recorded(shelter: Shelter) -> None:
    stay_id = admit(shelter, add_person(shelter.store, "Said"), "A-01")
    record_service(shelter.store, stay_id=stay_id, service_type="meal", at=EVENING)
    row = shelter.store.db.execute(
        "SELECT service_type, facility_id FROM service_delivery WHERE stay_id = ?", [stay_id]
    ).fetchone()
    assert row == ("meal", shelter.facility_id)
    with pytest.raises(InvalidInput):
        record_service(shelter.store, stay_id=stay_id, service_type="massage", at=EVENING)


def call(s: Shelter, night: date, present: set[str]) -> None:
    record_roll_call(
        s.store,
        facility_id=s.facility_id,
        night=night,
        present=present,
        now=datetime.combine(night, datetime.min.time()).replace(hour=21),
    )


def test_auto_exit_after_n_absent_nights(shelter: Shelter) -> None:
    said, hamid = add_person(shelter.store, "Said"), add_person(shelter.store, "Hamid")
    said_stay = admit(shelter, said, "A-01")
    hamid_stay = admit(shelter, hamid, "A-02")
    call(shelter, date(2026, 1, 5), {said, hamid})
    call(shelter, date(2026, 1, 6), {said})
    assert (
        auto_exit_absent(
            shelter.store, facility_id=shelter.facility_id, as_of=date(2026, 1, 6), nights=2
        )
        == []
    )
    call(shelter, date(2026, 1, 7), {said})
    closed = auto_exit_absent(
        shelter.store, facility_id=shelter.facility_id, as_of=date(2026, 1, 7), nights=2
    )
    assert closed == [hamid_stay]
    row = shelter.store.db.execute(
        "SELECT exit_at, exit_destination FROM stay WHERE id = ?", [hamid_stay]
    ).fetchone()
    assert row == ("2026-01-06T12:00", "left_without_notice")
    assert [
        r.resident.stay_id
        for r in residents(shelter.store, facility_id=shelter.facility_id, as_of=date(2026, 1, 8))
    ] == [said_stay]


def test_auto_exit_uses_the_facility_setting(shelter: Shelter) -> None:
    hamid = add_person(shelter.store, "Hamid")
    said = add_person(shelter.store, "Said")
    admit(shelter, hamid, "A-02")
    admit(shelter, said, "A-01")
    call(shelter, date(2026, 1, 5), {said})
    assert auto_exit_absent(shelter.store, facility_id=shelter.facility_id, as_of=NIGHT) == []
    shelter.store.writer().update("facility", shelter.facility_id, {"auto_exit_nights": 1})
    assert len(auto_exit_absent(shelter.store, facility_id=shelter.facility_id, as_of=NIGHT)) == 1


def test_occupancy_rate_counts_bed_nights_against_open_beds(shelter: Shelter) -> None:
    people = [add_person(shelter.store, n) for n in ("Said", "Hamid")]
    admit(shelter, people[0], "A-01")
    admit(shelter, people[1], "A-02")
    call(shelter, NIGHT, set(people))
    result = occupancy(shelter.store, facility_id=shelter.facility_id, night=NIGHT)
    assert (result.occupied, result.capacity, result.rate) == (2, 5, 0.4)
    declare_cold_alert(
        shelter.store, level="red", starts_on=NIGHT, ends_on=NIGHT, province_codes=[PROVINCE]
    )
    assert occupancy(shelter.store, facility_id=shelter.facility_id, night=NIGHT).capacity == 7
    assert occupancy_by_night(
        shelter.store, facility_id=shelter.facility_id, start=NIGHT, end=date(2026, 1, 9)
    ) == [("2026-01-05", 2)]


def test_voided_bed_night_is_no_longer_counted(shelter: Shelter) -> None:
    said = add_person(shelter.store, "Said")
    admit(shelter, said, "A-01")
    call(shelter, NIGHT, {said})
    bed_night_id = shelter.store.db.execute("SELECT id FROM bed_night").fetchone()[0]
    void_bed_night(shelter.store, bed_night_id=bed_night_id, reason="Recorded in the wrong shelter")
    assert occupancy(shelter.store, facility_id=shelter.facility_id, night=NIGHT).occupied == 0
    with pytest.raises(RuleViolation):
        void_bed_night(shelter.store, bed_night_id=bed_night_id, reason="again")
    # The original stays; the void row names it.
    assert shelter.store.db.execute(
        "SELECT count(*), sum(corrects_id = ?) FROM bed_night", [bed_night_id]
    ).fetchone() == (2, 1)
    # With the night voided, the roll call can record it again.
    call(shelter, NIGHT, {said})
    assert occupancy(shelter.store, facility_id=shelter.facility_id, night=NIGHT).occupied == 1


def test_every_shelter_write_adds_outbox_rows(shelter: Shelter) -> None:
    store = shelter.store
    said = add_person(store, "Said")
    steps = [
        lambda: admit(shelter, said, "A-01"),
        lambda: call(shelter, NIGHT, {said}),
        lambda: record_service(
            store, stay_id=_stay_of(store, said), service_type="shower", at=EVENING
        ),
        lambda: move_bed(
            store, stay_id=_stay_of(store, said), bed_id=shelter.beds["A-02"], at=EVENING
        ),
        lambda: check_out(
            store, stay_id=_stay_of(store, said), at=NEXT_MORNING, destination="refused"
        ),
        lambda: declare_cold_alert(
            store, level="yellow", starts_on=NIGHT, ends_on=None, province_codes=[PROVINCE]
        ),
    ]
    for step in steps:
        before = outbox_count(store)
        step()
        assert outbox_count(store) > before


def _stay_of(store: LocalStore, person_id: str) -> str:
    return str(
        store.db.execute("SELECT id FROM stay WHERE person_id = ?", [person_id]).fetchone()[0]
    )


def test_night_rules() -> None:
    assert nights_between(date(2026, 1, 5), date(2026, 1, 8)) == 3
    assert nights_between(date(2026, 1, 8), date(2026, 1, 5)) == 0
    assert length_of_stay(date(2026, 1, 5), None, as_of=date(2026, 1, 7)) == 2
    assert stay_covers_night(date(2026, 1, 5), date(2026, 1, 6), date(2026, 1, 5))
    assert not stay_covers_night(date(2026, 1, 5), date(2026, 1, 6), date(2026, 1, 6))
    assert roll_call_is_late(NIGHT, NEXT_MORNING)
    assert not roll_call_is_late(NIGHT, EVENING)


def test_nobody_loses_their_bed_for_absence_during_a_cold_alert(shelter: Shelter) -> None:
    hamid = add_person(shelter.store, "Hamid")
    hamid_stay = admit(shelter, hamid, "A-02")
    other = add_person(shelter.store, "Said")
    admit(shelter, other, "A-01")
    for night in (date(2026, 1, 5), date(2026, 1, 6), date(2026, 1, 7)):
        call(shelter, night, {other})
    declare_cold_alert(
        shelter.store,
        level="red",
        starts_on=date(2026, 1, 6),
        ends_on=date(2026, 1, 9),
        province_codes=[PROVINCE],
    )
    assert (
        auto_exit_absent(
            shelter.store, facility_id=shelter.facility_id, as_of=date(2026, 1, 7), nights=2
        )
        == []
    )
    after_alert = auto_exit_absent(
        shelter.store, facility_id=shelter.facility_id, as_of=date(2026, 1, 10), nights=2
    )
    assert after_alert == [hamid_stay]
