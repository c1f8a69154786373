"""A campaign with the standard catalogue, the default rules, two douars and a few
recipients, for the outreach and entitlement tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from coldwave_app.services.campaign_setup import add_standard_catalogue, create_campaign
from coldwave_app.services.entitlements import add_default_rules
from coldwave_app.services.outreach import add_wave, record_distribution_event
from coldwave_app.storage.local_store import LocalStore

DOUAR = "3010513202045"


@dataclass
class Setup:
    store: LocalStore
    ids: dict[str, str]  # item and kit ids by code
    douar: str
    other_douar: str
    wave_1: str
    wave_2: str


def campaign_with_rules(store: LocalStore) -> Setup:
    create_campaign(store, name="Hiver", province_code="05.301", period_start=date(2025, 11, 17))
    ids = add_standard_catalogue(store)
    add_default_rules(store, ids)
    wave_1 = add_wave(
        store, name="Vague 1", starts_on=date(2025, 12, 1), ends_on=date(2025, 12, 31)
    )
    wave_2 = add_wave(store, name="Vague 2", starts_on=date(2026, 1, 1), ends_on=date(2026, 1, 31))
    other = store.db.execute(
        "SELECT code FROM geo_unit WHERE level = 'douar' AND province_code = '05.301' "
        "AND code <> ? ORDER BY code LIMIT 1",
        [DOUAR],
    ).fetchone()[0]
    return Setup(store, ids, DOUAR, other, wave_1, wave_2)


def add_person(store: LocalStore, code: str = "P-1", sex: str = "f") -> str:
    row = store.writer().insert(
        "person",
        {
            "given_name_latn": "Fatima",
            "name_quality": "full",
            "sex": sex,
            "dob_quality": "unknown",
            "beneficiary_code": code,
        },
    )
    return str(row["id"])


def add_household(store: LocalStore, code: str = "H-1") -> str:
    row = store.writer().insert(
        "household", {"head_name": "Ait Ali", "geo_code": DOUAR, "beneficiary_code": code}
    )
    return str(row["id"])


def add_user(store: LocalStore, *, username: str, role: str) -> str:
    row = store.writer().insert(
        "app_user", {"username": username, "display_name": username.title(), "role": role}
    )
    return str(row["id"])


def event_at(
    setup: Setup, day: date, *, douar: str | None = None, round_id: str | None = None
) -> str:
    return record_distribution_event(
        setup.store,
        occurred_on=day,
        access_mode="4x4",
        geo_code=douar or setup.douar,
        authority_present="moqaddem",
        round_id=round_id,
    )
