"""Likely duplicates across scripts, create-anyway, and reversible merges."""

from __future__ import annotations

import json
from datetime import date

import pytest

from coldwave_app.domain.errors import RuleViolation
from coldwave_app.services.campaign_setup import create_campaign
from coldwave_app.services.dedup import (
    REASON_CIN,
    REASON_SAME_YEAR,
    REASON_SOUND,
    count_distinct_persons,
    likely_matches,
    merge_persons,
    unmerge,
)
from coldwave_app.services.people import register_person
from coldwave_app.storage.local_store import LocalStore

KHENIFRA = "05.301"


@pytest.fixture
def campaign_store(store: LocalStore) -> LocalStore:
    create_campaign(store, name="Hiver", province_code=KHENIFRA, period_start=date(2025, 11, 17))
    return store


@pytest.fixture
def arabic_mohamed(campaign_store: LocalStore) -> str:
    return register_person(
        campaign_store,
        sex="m",
        given_name_ar="محمد",
        family_name_ar="أوحمو",
        birth_year=1970,
        province_code=KHENIFRA,
    ).id


def test_latin_spelling_finds_the_arabic_record(
    campaign_store: LocalStore, arabic_mohamed: str
) -> None:
    matches = likely_matches(
        campaign_store,
        sex="m",
        given_name_latn="Mohamed",
        family_name_latn="Ouhammou",
        birth_year=1973,
        province_code=KHENIFRA,
    )
    assert [m.person_id for m in matches] == [arabic_mohamed]
    assert REASON_SOUND in matches[0].reasons
    assert matches[0].reasons


def test_other_sex_is_not_a_match(campaign_store: LocalStore, arabic_mohamed: str) -> None:
    assert not likely_matches(
        campaign_store,
        sex="f",
        given_name_latn="Mohamed",
        family_name_latn="Ouhammou",
        birth_year=1970,
    )


def test_birth_year_ten_apart_is_not_a_match(
    campaign_store: LocalStore, arabic_mohamed: str
) -> None:
    assert not likely_matches(
        campaign_store,
        sex="m",
        given_name_latn="Mohamed",
        family_name_latn="Ouhammou",
        birth_year=1980,
    )


def test_unrelated_name_is_not_a_match(campaign_store: LocalStore, arabic_mohamed: str) -> None:
    assert not likely_matches(
        campaign_store,
        sex="m",
        given_name_latn="Brahim",
        family_name_latn="Zayani",
        birth_year=1970,
    )


def test_same_cin_and_year_are_reasons(campaign_store: LocalStore) -> None:
    first = register_person(
        campaign_store, sex="f", given_name_latn="Itto", birth_year=1990, cin="AB123456"
    )
    matches = likely_matches(
        campaign_store, sex="f", given_name_latn="Touda", birth_year=1990, cin="ab-123456"
    )
    assert matches[0].person_id == first.id
    assert matches[0].reasons[0] == REASON_CIN
    assert REASON_SAME_YEAR in matches[0].reasons


def test_create_anyway_is_recorded(campaign_store: LocalStore, arabic_mohamed: str) -> None:
    person = register_person(
        campaign_store,
        sex="m",
        given_name_latn="Mohamed",
        family_name_latn="Ouhammou",
        birth_year=1972,
        created_anyway_of=[arabic_mohamed],
    )
    stored = campaign_store.db.execute(
        "SELECT created_anyway_of FROM person WHERE id = ?", [person.id]
    ).fetchone()[0]
    assert json.loads(stored) == [arabic_mohamed]


def test_merge_counts_once_and_unmerge_counts_twice(
    campaign_store: LocalStore, arabic_mohamed: str
) -> None:
    other = register_person(
        campaign_store, sex="m", given_name_latn="Mohamed", family_name_latn="Ouhammou"
    ).id
    register_person(campaign_store, sex="f", given_name_latn="Itto")
    assert count_distinct_persons(campaign_store) == 3
    before = int(campaign_store.db.execute("SELECT count(*) FROM outbox").fetchone()[0])
    link_id = merge_persons(campaign_store, a=arabic_mohamed, b=other, reason="same card seen")
    assert count_distinct_persons(campaign_store) == 2
    assert campaign_store.db.execute("SELECT count(*) FROM person").fetchone()[0] == 3
    with pytest.raises(RuleViolation):
        merge_persons(campaign_store, a=other, b=arabic_mohamed, reason="again")
    unmerge(campaign_store, link_id=link_id)
    assert count_distinct_persons(campaign_store) == 3
    after = int(campaign_store.db.execute("SELECT count(*) FROM outbox").fetchone()[0])
    assert after > before
    with pytest.raises(RuleViolation):
        unmerge(campaign_store, link_id=link_id)
