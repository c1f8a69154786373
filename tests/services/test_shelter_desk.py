"""The desk's reads: a board of one night shows who slept where then, the roll-call
sheet knows whose night is recorded, a resident's card lists the last services, and
a likely duplicate comes with its last stay."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from coldwave_app.domain.errors import InvalidInput
from coldwave_app.services.campaign_setup import add_shelter, create_campaign
from coldwave_app.services.cold_alert import declare_cold_alert
from coldwave_app.services.people import register_person
from coldwave_app.services.shelter import check_in, check_out, record_roll_call, record_service
from coldwave_app.services.shelter_desk import (
    TileState,
    bed_board_for_night,
    match_facts,
    resident_card,
    roll_call_sheet,
    shelters,
)
from coldwave_app.storage.local_store import LocalStore

PROVINCE = "05.301"
NIGHT = date(2026, 1, 5)


@pytest.fixture
def facility(store: LocalStore) -> str:
    create_campaign(store, name="Hiver", province_code=PROVINCE, period_start=date(2025, 11, 17))
    return add_shelter(
        store,
        name_ar="مركز",
        name_fr="Centre Khénifra",
        geo_code=PROVINCE,
        rooms={"A": 2},
        overflow_beds=1,
    )


def _bed(store: LocalStore, label: str) -> str:
    return str(store.db.execute("SELECT id FROM bed WHERE label = ?", [label]).fetchone()[0])


def _admit(store: LocalStore, facility: str, name: str, bed: str, day: date) -> str:
    person = register_person(store, sex="m", given_name_latn=name, family_name_latn="Amrani")
    return check_in(
        store,
        person_id=person.id,
        facility_id=facility,
        bed_id=_bed(store, bed),
        entry_route="self",
        at=datetime.combine(day, datetime.min.time()).replace(hour=20),
    )


def test_shelters_lists_the_campaign_shelters(store: LocalStore, facility: str) -> None:
    assert [(s.id, s.name_fr) for s in shelters(store)] == [(facility, "Centre Khénifra")]


def test_board_of_a_past_night_shows_who_slept_there_then(store: LocalStore, facility: str) -> None:
    stay = _admit(store, facility, "Said", "A-01", date(2026, 1, 2))
    check_out(store, stay_id=stay, at=datetime(2026, 1, 7, 9, 0), destination="own_housing")
    during = {
        t.label: t for t in bed_board_for_night(store, facility_id=facility, night=NIGHT).tiles
    }
    later = bed_board_for_night(store, facility_id=facility, night=date(2026, 1, 7))
    after = {t.label: t for t in later.tiles}
    assert during["A-01"].state is TileState.OCCUPIED
    assert during["A-01"].occupant_name == "Said Amrani"
    assert during["A-01"].nights == 3
    assert after["A-01"].state is TileState.FREE
    assert during["A-02"].state is TileState.FREE


def test_overflow_tiles_open_only_during_a_cold_alert(store: LocalStore, facility: str) -> None:
    board = bed_board_for_night(store, facility_id=facility, night=NIGHT)
    assert board.count(TileState.OVERFLOW_CLOSED) == 1 and not board.cold_alert
    declare_cold_alert(
        store, level="red", province_codes=[PROVINCE], starts_on=NIGHT, ends_on=NIGHT
    )
    board = bed_board_for_night(store, facility_id=facility, night=NIGHT)
    assert board.count(TileState.OVERFLOW) == 1 and board.cold_alert


def test_board_refuses_an_unknown_shelter(store: LocalStore, facility: str) -> None:
    with pytest.raises(InvalidInput):
        bed_board_for_night(store, facility_id="nope", night=NIGHT)


def test_roll_call_sheet_marks_recorded_nights(store: LocalStore, facility: str) -> None:
    first = _admit(store, facility, "Said", "A-01", NIGHT)
    _admit(store, facility, "Omar", "A-02", NIGHT)
    said = str(store.db.execute("SELECT person_id FROM stay WHERE id = ?", [first]).fetchone()[0])
    record_roll_call(
        store, facility_id=facility, night=NIGHT, now=datetime(2026, 1, 5, 22), present={said}
    )
    sheet = roll_call_sheet(store, facility_id=facility, night=NIGHT)
    assert [(r.name, r.bed_label, r.recorded) for r in sheet] == [
        ("Said Amrani", "A-01", True),
        ("Omar Amrani", "A-02", False),
    ]


def test_resident_card_lists_last_services_newest_first(store: LocalStore, facility: str) -> None:
    stay = _admit(store, facility, "Said", "A-01", NIGHT)
    record_service(store, stay_id=stay, service_type="shower", at=datetime(2026, 1, 5, 21))
    record_service(store, stay_id=stay, service_type="meal", at=datetime(2026, 1, 6, 8))
    card = resident_card(store, stay_id=stay, as_of=date(2026, 1, 8))
    assert card.stay.bed_label == "A-01" and card.is_open
    assert card.nights == 3
    assert [s.service_type for s in card.services] == ["meal", "shower"]


def test_match_facts_give_the_last_stay(store: LocalStore, facility: str) -> None:
    stay = _admit(store, facility, "Said", "A-01", NIGHT)
    person = str(store.db.execute("SELECT person_id FROM stay WHERE id = ?", [stay]).fetchone()[0])
    [facts] = match_facts(store, person_ids=[person, "missing"])
    assert facts.name_latn == "Said Amrani"
    assert facts.last_facility == "Centre Khénifra"
    assert facts.last_entry_at == "2026-01-05T20:00" and facts.last_exit_at is None
