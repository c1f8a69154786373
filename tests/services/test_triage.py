"""Triage from the records: outreach lists and the due list put the frailest and
most exposed first, and say why; the cold alert shows on the dashboard; a campaign
names its lead and closes."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from coldwave_app.domain.errors import InvalidInput, RuleViolation
from coldwave_app.domain.triage import (
    REASON_CHRONIC_ILLNESS,
    REASON_COLD_ALERT,
    REASON_DISABILITY,
    REASON_HIGH_ALTITUDE,
    REASON_OLD,
    REASON_PREGNANCY,
    REASON_SLEEPING_ROUGH,
)
from coldwave_app.domain.vocabulary import RiskLevel
from coldwave_app.services.campaign_setup import (
    add_shelter,
    add_target,
    close_campaign,
    create_campaign,
    set_campaign_lead,
)
from coldwave_app.services.cases import open_case, record_follow_up
from coldwave_app.services.cold_alert import cold_alert_status, declare_cold_alert
from coldwave_app.services.dedup import merge_persons
from coldwave_app.services.outreach import record_encounter
from coldwave_app.services.people import register_household, register_person
from coldwave_app.services.shelter import check_in
from coldwave_app.services.triage import (
    due_list_by_triage,
    household_triage,
    ordered_outreach_list,
    person_triage,
)
from coldwave_app.storage.local_store import LocalStore

PROVINCE = "05.301"
DAY = date(2026, 1, 10)


@pytest.fixture
def campaign(store: LocalStore) -> LocalStore:
    create_campaign(store, name="Hiver", province_code=PROVINCE, period_start=date(2025, 11, 17))
    return store


def _douars(store: LocalStore) -> list[str]:
    rows = store.db.execute(
        "SELECT code FROM geo_unit WHERE level = 'douar' AND province_code = ? "
        "ORDER BY code LIMIT 2",
        [PROVINCE],
    ).fetchall()
    return [str(r[0]) for r in rows]


def _person(store: LocalStore, name: str, *, sex: str = "f", birth_year: int | None = None) -> str:
    return register_person(
        store, sex=sex, known_as=name, birth_year=birth_year, today=date(2026, 1, 1)
    ).id


def _observe(store: LocalStore, person_id: str, category: str) -> None:
    store.writer().insert(
        "health_observation",
        {"person_id": person_id, "observed_on": "2026-01-02", "category": category},
    )


def test_outreach_list_puts_the_most_at_risk_household_first(campaign: LocalStore) -> None:
    douar, elsewhere = _douars(campaign)
    add_target(campaign, geo_code=douar, risk_level=RiskLevel.ORANGE, altitude_m=1650)
    quiet = register_household(campaign, head_name="Ait Brahim", geo_code=douar).id
    frail = register_household(
        campaign,
        head_name="Ait Ali",
        geo_code=douar,
        vulnerability_flags=["elderly_alone", "chronic_illness"],
    ).id
    mother = _person(campaign, "Itto", birth_year=1998)
    _observe(campaign, mother, "pregnancy")
    expecting = register_household(campaign, head_person_id=mother, geo_code=douar).id
    register_household(campaign, head_name="Far away", geo_code=elsewhere)

    listed = ordered_outreach_list(campaign, douar_code=douar, on=DAY)

    assert [h.household_id for h in listed] == [frail, expecting, quiet]
    assert [h.score for h in listed] == [45, 25, 10]
    assert listed[0].reasons == (REASON_OLD, REASON_CHRONIC_ILLNESS, REASON_HIGH_ALTITUDE)
    assert listed[1].reasons == (REASON_PREGNANCY, REASON_HIGH_ALTITUDE)


def test_household_with_elders_in_its_counts_scores_for_age(campaign: LocalStore) -> None:
    douar, _ = _douars(campaign)
    counted = register_household(
        campaign, head_name="Ou Said", geo_code=douar, counts_by_sex_age={"female_60_plus": 1}
    ).id
    assert household_triage(campaign, household_id=counted, on=DAY) == (20, (REASON_OLD,))


def test_sleeping_rough_counts_until_a_stay_covers_the_night(campaign: LocalStore) -> None:
    man = _person(campaign, "Hammou", sex="m", birth_year=1958)
    record_encounter(
        campaign, occurred_at=datetime(2026, 1, 9, 23), living_situation="street", person_id=man
    )
    assert person_triage(campaign, person_id=man, on=DAY) == (
        40,
        (REASON_OLD, REASON_SLEEPING_ROUGH),
    )

    shelter = add_shelter(
        campaign, name_ar="مركز", name_fr="Centre", geo_code=PROVINCE, rooms={"A": 1}
    )
    bed = campaign.db.execute("SELECT id FROM bed WHERE facility_id = ?", [shelter]).fetchone()[0]
    check_in(
        campaign,
        person_id=man,
        facility_id=shelter,
        bed_id=bed,
        entry_route="outreach_team",
        at=datetime(2026, 1, 10, 1),
    )
    assert person_triage(campaign, person_id=man, on=DAY) == (20, (REASON_OLD,))


def test_a_merged_record_brings_its_health_observations(campaign: LocalStore) -> None:
    one, other = _person(campaign, "Hammou", sex="m"), _person(campaign, "Hamou", sex="m")
    _observe(campaign, other, "disability")
    assert person_triage(campaign, person_id=one, on=DAY).score == 0
    merge_persons(campaign, a=one, b=other, reason="same man")
    assert person_triage(campaign, person_id=one, on=DAY) == (15, (REASON_DISABILITY,))


def test_a_cold_alert_raises_every_score(campaign: LocalStore) -> None:
    man = _person(campaign, "Hammou", sex="m")
    declare_cold_alert(
        campaign, level="red", starts_on=DAY, ends_on=None, province_codes=[PROVINCE]
    )
    assert person_triage(campaign, person_id=man, on=DAY) == (5, (REASON_COLD_ALERT,))
    assert person_triage(campaign, person_id=man, on=date(2026, 1, 9)) == (0, ())


def test_due_list_by_triage_puts_the_frailer_person_first(campaign: LocalStore) -> None:
    cases = {}
    for name, year, due in (("Moha", 1990, date(2026, 1, 3)), ("Hammou", 1940, date(2026, 1, 6))):
        subject = _person(campaign, name, sex="m", birth_year=year)
        case_id = open_case(
            campaign, person_id=subject, opened_at=date(2026, 1, 2), window_name="G"
        )
        record_follow_up(
            campaign, case_id=case_id, occurred_on=date(2026, 1, 2), mode="phone", next_date=due
        )
        cases[name] = case_id
    not_yet = _person(campaign, "Driss", sex="m", birth_year=1930)
    later = open_case(campaign, person_id=not_yet, opened_at=date(2026, 1, 2), window_name="G")
    record_follow_up(
        campaign,
        case_id=later,
        occurred_on=date(2026, 1, 2),
        mode="phone",
        next_date=date(2026, 1, 20),
    )

    ordered = due_list_by_triage(campaign, today=DAY)

    # Overdue first whatever the score; among the overdue, the elder first.
    assert [t.item.case_id for t in ordered] == [cases["Hammou"], cases["Moha"], later]
    assert ordered[0].reasons == (REASON_OLD,)


def test_cold_alert_status_shows_level_dates_and_provinces(campaign: LocalStore) -> None:
    assert cold_alert_status(campaign, on=DAY) is None
    declare_cold_alert(
        campaign,
        level="orange",
        starts_on=date(2026, 1, 8),
        ends_on=date(2026, 1, 12),
        province_codes=[PROVINCE, "05.251"],
        note="Bulletin DGM",
    )
    status = cold_alert_status(campaign, on=DAY)
    assert status is not None
    assert (status.level, status.starts_on, status.ends_on) == (
        "orange",
        date(2026, 1, 8),
        date(2026, 1, 12),
    )
    assert status.province_codes == ("05.251", PROVINCE)
    assert cold_alert_status(campaign, on=date(2026, 1, 13)) is None


def test_campaign_names_its_lead_and_closes_once(campaign: LocalStore) -> None:
    org = str(
        campaign.writer().insert(
            "organisation", {"name_fr": "Entraide Nationale", "kind": "public"}
        )["id"]
    )
    with pytest.raises(InvalidInput):
        set_campaign_lead(campaign, org_id="nope")
    set_campaign_lead(campaign, org_id=org)
    with pytest.raises(InvalidInput):
        close_campaign(campaign, period_end=date(2025, 11, 1), closed_at=datetime(2026, 3, 1))
    close_campaign(campaign, period_end=date(2026, 2, 28), closed_at=datetime(2026, 3, 1, 9))
    row = campaign.db.execute(
        "SELECT lead_org_id, period_end, status FROM campaign WHERE id = ?", [campaign.campaign_id]
    ).fetchone()
    assert tuple(row) == (org, "2026-02-28", "closed")
    with pytest.raises(RuleViolation):
        close_campaign(campaign, period_end=date(2026, 2, 28), closed_at=datetime(2026, 3, 2))


def test_an_implausible_target_altitude_is_refused(campaign: LocalStore) -> None:
    douar, _ = _douars(campaign)
    with pytest.raises(InvalidInput):
        add_target(campaign, geo_code=douar, risk_level=RiskLevel.RED, altitude_m=13000)
