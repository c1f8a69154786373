"""People and households are registered with whatever identity people give."""

from __future__ import annotations

import json
from datetime import date

import pytest

from coldwave_app.domain.errors import InvalidInput, RuleViolation
from coldwave_app.domain.ids import is_valid_short_code
from coldwave_app.services.campaign_setup import create_campaign
from coldwave_app.services.people import (
    record_consent,
    register_household,
    register_person,
    withdraw_consent,
)
from coldwave_app.storage.local_store import LocalStore

KHENIFRA = "05.301"


@pytest.fixture
def campaign_store(store: LocalStore) -> LocalStore:
    create_campaign(store, name="Hiver", province_code=KHENIFRA, period_start=date(2025, 11, 17))
    return store


def outbox_size(store: LocalStore) -> int:
    return int(store.db.execute("SELECT count(*) FROM outbox").fetchone()[0])


def test_partial_identity_is_accepted(campaign_store: LocalStore) -> None:
    before = outbox_size(campaign_store)
    person = register_person(
        campaign_store, sex="m", known_as="Bouchaib", estimated_age=60, today=date(2025, 12, 1)
    )
    assert person.birth_year == 1965
    assert person.dob_quality == "partial"
    assert person.cin_quality == "unknown"
    assert is_valid_short_code(person.beneficiary_code)
    assert person.beneficiary_code.startswith("P-")
    assert outbox_size(campaign_store) > before


def test_person_without_any_name_needs_the_name_marked_refused(
    campaign_store: LocalStore,
) -> None:
    with pytest.raises(InvalidInput):
        register_person(campaign_store, sex="f", name_quality="full")
    person = register_person(campaign_store, sex="f", name_quality="refused")
    assert person.name_quality == "refused"


def test_refused_cin_never_blocks_and_keeps_nothing(campaign_store: LocalStore) -> None:
    person = register_person(
        campaign_store, sex="m", given_name_latn="Ali", cin="AB123456", cin_quality="refused"
    )
    row = campaign_store.db.execute(
        "SELECT cin_hash, cin_masked, cin_quality FROM person WHERE id = ?", [person.id]
    ).fetchone()
    assert row == (None, None, "refused")


def test_odd_cin_is_a_warning_not_an_error(campaign_store: LocalStore) -> None:
    person = register_person(campaign_store, sex="m", given_name_latn="Ali", cin="12-345")
    assert person.warnings
    assert person.cin_quality == "partial"


def test_cin_is_stored_masked_and_hashed_only(campaign_store: LocalStore) -> None:
    person = register_person(campaign_store, sex="f", given_name_latn="Itto", cin="ab 123456")
    assert person.cin_masked == "AB****56"
    stored = campaign_store.db.execute(
        "SELECT cin_hash, cin_masked FROM person WHERE id = ?", [person.id]
    ).fetchone()
    assert stored[1] == "AB****56"
    assert len(stored[0]) == 64 and "123456" not in stored[0]
    log = campaign_store.db.execute("SELECT group_concat(value) FROM change_log").fetchone()[0]
    assert "AB123456" not in log


def test_consent_is_recorded_then_withdrawn(campaign_store: LocalStore) -> None:
    person = register_person(campaign_store, sex="f", given_name_ar="فاطمة")
    consent_id = record_consent(
        campaign_store,
        person_id=person.id,
        purpose="referral_sharing",
        method="verbal_witnessed",
        witness="Khadija",
        language="ber",
    )
    before = outbox_size(campaign_store)
    withdraw_consent(campaign_store, consent_id=consent_id, reason="changed her mind")
    row = campaign_store.db.execute(
        "SELECT withdrawn_at IS NOT NULL, withdrawn_by, withdrawal_reason FROM consent "
        "WHERE id = ?",
        [consent_id],
    ).fetchone()
    assert row == (1, campaign_store.user.id, "changed her mind")
    assert outbox_size(campaign_store) > before
    with pytest.raises(RuleViolation):
        withdraw_consent(campaign_store, consent_id=consent_id, reason="again")


def test_verbal_consent_needs_a_witness(campaign_store: LocalStore) -> None:
    person = register_person(campaign_store, sex="f", given_name_ar="فاطمة")
    with pytest.raises(InvalidInput):
        record_consent(
            campaign_store, person_id=person.id, purpose="photo", method="verbal_witnessed"
        )


def test_household_with_members_counts_and_flags(campaign_store: LocalStore) -> None:
    head = register_person(campaign_store, sex="m", given_name_latn="Moha", birth_year=1958)
    wife = register_person(campaign_store, sex="f", given_name_latn="Itto", birth_year=1962)
    before = outbox_size(campaign_store)
    household = register_household(
        campaign_store,
        head_person_id=head.id,
        members=[(wife.id, "spouse")],
        geo_code=KHENIFRA,
        size_declared=6,
        counts_by_sex_age={"male_0_17": 2, "female_0_17": 2},
        vulnerability_flags=["elderly_alone", "no_heating"],
    )
    assert household.beneficiary_code.startswith("H-")
    assert set(household.members) == {(head.id, "head"), (wife.id, "spouse")}
    stored = campaign_store.db.execute(
        "SELECT counts_by_sex_age, vulnerability_flags FROM household WHERE id = ?",
        [household.id],
    ).fetchone()
    assert json.loads(stored[0]) == {"female_0_17": 2, "male_0_17": 2}
    assert json.loads(stored[1]) == ["elderly_alone", "no_heating"]
    assert outbox_size(campaign_store) >= before + 3


def test_unknown_vulnerability_flag_is_refused(campaign_store: LocalStore) -> None:
    with pytest.raises(InvalidInput) as caught:
        register_household(campaign_store, head_name="Moha", vulnerability_flags=["rich"])
    assert caught.value.params == {"value": "rich"}
    assert campaign_store.db.execute("SELECT count(*) FROM household").fetchone()[0] == 0
