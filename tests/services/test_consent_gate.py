"""Consent per purpose (law 09-08): contacting the family, recording health data and
taking a photo need the person's standing consent; a refusal stores nothing and a
withdrawal stops every later use and is audited."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from coldwave_app.domain.errors import InvalidInput
from coldwave_app.services.campaign_setup import create_campaign
from coldwave_app.services.cases import open_case, record_mediation_step, start_reintegration
from coldwave_app.services.consent_gate import (
    PHOTO,
    ConsentMissing,
    require_consent,
)
from coldwave_app.services.people import record_consent, withdraw_consent
from coldwave_app.services.person_record import record_health_observation
from coldwave_app.storage.local_store import LocalStore


@pytest.fixture
def campaign_store(store: LocalStore) -> LocalStore:
    create_campaign(store, name="Hiver", province_code="05.301", period_start=date(2025, 11, 17))
    return store


def _person(store: LocalStore, code: str = "P-0001") -> str:
    row = store.writer().insert(
        "person",
        {
            "known_as": "Bouchaib",
            "name_quality": "alias",
            "sex": "m",
            "dob_quality": "unknown",
            "beneficiary_code": code,
        },
    )
    return str(row["id"])


def _case(store: LocalStore, person_id: str) -> str:
    return open_case(
        store, person_id=person_id, opened_at=datetime(2026, 1, 5, 10, 30), window_name="Guichet"
    )


def _rows(store: LocalStore, table: str) -> int:
    return int(store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def _outbox(store: LocalStore) -> int:
    return int(store.db.execute("SELECT count(*) FROM outbox").fetchone()[0])


def _observe(store: LocalStore, person_id: str) -> str:
    return record_health_observation(
        store, person_id=person_id, observed_on=date(2026, 1, 7), category="resp", text="toux"
    )


def test_health_data_without_consent_is_refused_and_nothing_is_stored(
    campaign_store: LocalStore,
) -> None:
    person_id = _person(campaign_store)
    outbox = _outbox(campaign_store)
    with pytest.raises(ConsentMissing, match="health data"):
        _observe(campaign_store, person_id)
    assert _rows(campaign_store, "health_observation") == 0
    assert _outbox(campaign_store) == outbox


def test_health_data_with_consent_is_recorded(campaign_store: LocalStore) -> None:
    person_id = _person(campaign_store)
    record_consent(campaign_store, person_id=person_id, purpose="health_data", method="signed")
    assert _observe(campaign_store, person_id)
    assert _rows(campaign_store, "health_observation") == 1


def test_withdrawn_health_consent_stops_later_recording_and_is_audited(
    campaign_store: LocalStore,
) -> None:
    person_id = _person(campaign_store)
    consent_id = record_consent(
        campaign_store, person_id=person_id, purpose="health_data", method="signed"
    )
    _observe(campaign_store, person_id)
    withdraw_consent(campaign_store, consent_id=consent_id, reason="asked at the desk")
    with pytest.raises(ConsentMissing):
        _observe(campaign_store, person_id)
    assert _rows(campaign_store, "health_observation") == 1
    logged = campaign_store.db.execute(
        "SELECT count(*) FROM audit_entry WHERE action = 'consent_withdrawn' AND row_id = ?",
        [consent_id],
    ).fetchone()[0]
    assert logged == 1


def test_recording_a_family_contact_without_consent_is_refused(
    campaign_store: LocalStore,
) -> None:
    case_id = _case(campaign_store, _person(campaign_store))
    with pytest.raises(ConsentMissing, match="family"):
        start_reintegration(
            campaign_store, case_id=case_id, contact_name="Fatima", contact_phone="0612"
        )
    assert _rows(campaign_store, "family_reintegration") == 0


def test_mediation_with_the_family_without_consent_is_refused(
    campaign_store: LocalStore,
) -> None:
    # A reintegration may be opened with no contact details; reaching the family may not.
    case_id = _case(campaign_store, _person(campaign_store))
    reintegration_id = start_reintegration(campaign_store, case_id=case_id)
    with pytest.raises(ConsentMissing):
        record_mediation_step(
            campaign_store,
            reintegration_id=reintegration_id,
            occurred_on=date(2026, 1, 6),
            step="first_contact",
        )
    assert _rows(campaign_store, "mediation_step") == 0


def test_family_contact_with_consent_is_recorded(campaign_store: LocalStore) -> None:
    person_id = _person(campaign_store)
    case_id = _case(campaign_store, person_id)
    record_consent(campaign_store, person_id=person_id, purpose="family_contact", method="signed")
    reintegration_id = start_reintegration(
        campaign_store, case_id=case_id, contact_name="Fatima", contact_relation="sister"
    )
    record_mediation_step(
        campaign_store,
        reintegration_id=reintegration_id,
        occurred_on=date(2026, 1, 6),
        step="first_contact",
    )
    assert _rows(campaign_store, "mediation_step") == 1


def test_withdrawn_family_consent_stops_the_next_mediation_step(
    campaign_store: LocalStore,
) -> None:
    person_id = _person(campaign_store)
    case_id = _case(campaign_store, person_id)
    consent_id = record_consent(
        campaign_store, person_id=person_id, purpose="family_contact", method="signed"
    )
    reintegration_id = start_reintegration(campaign_store, case_id=case_id, contact_name="Itto")
    withdraw_consent(campaign_store, consent_id=consent_id, reason="does not want it any more")
    with pytest.raises(ConsentMissing):
        record_mediation_step(
            campaign_store,
            reintegration_id=reintegration_id,
            occurred_on=date(2026, 1, 8),
            step="family_visit",
        )


def test_photo_needs_its_own_consent(campaign_store: LocalStore) -> None:
    person_id = _person(campaign_store)
    record_consent(campaign_store, person_id=person_id, purpose="health_data", method="signed")
    with pytest.raises(ConsentMissing, match="photo"):
        require_consent(campaign_store, person_id=person_id, purpose=PHOTO)
    consent_id = record_consent(
        campaign_store, person_id=person_id, purpose="photo", method="signed"
    )
    assert require_consent(campaign_store, person_id=person_id, purpose=PHOTO) == consent_id


def test_a_refusal_recorded_later_outweighs_an_earlier_consent(
    campaign_store: LocalStore,
) -> None:
    person_id = _person(campaign_store)
    record_consent(
        campaign_store,
        person_id=person_id,
        purpose="photo",
        method="signed",
        given_on=date(2026, 1, 1),
    )
    record_consent(
        campaign_store,
        person_id=person_id,
        purpose="photo",
        method="signed",
        given=False,
        given_on=date(2026, 1, 3),
    )
    with pytest.raises(ConsentMissing):
        require_consent(campaign_store, person_id=person_id, purpose=PHOTO)


def test_an_unknown_purpose_is_refused(campaign_store: LocalStore) -> None:
    with pytest.raises(InvalidInput):
        require_consent(campaign_store, person_id=_person(campaign_store), purpose="marketing")
