"""The report forms' pickers list what exists in the campaign, named in both scripts."""

from __future__ import annotations

from datetime import date

import pytest

from coldwave_app.domain.errors import InvalidInput
from coldwave_app.services.report_choices import (
    campaign_period,
    douar_choices,
    facility_choices,
    referral_choices,
)
from coldwave_app.storage.local_store import LocalStore


def test_douars_are_those_with_households_most_first(demo_store: LocalStore) -> None:
    choices = douar_choices(demo_store)
    assert choices, "the demo has households in douars"
    counts = [int(c.label_fr.rsplit("— ", 1)[1]) for c in choices]
    assert counts == sorted(counts, reverse=True)
    assert (
        sum(counts)
        == demo_store.db.execute(
            "SELECT count(*) FROM household WHERE deleted = 0 AND geo_code IS NOT NULL"
        ).fetchone()[0]
    )
    first = choices[0]
    assert first.value in first.label("fr") and first.value in first.label("ar")
    assert any("\u0600" <= ch <= "\u06ff" for ch in first.label("ar"))


def test_facilities_and_referrals_of_the_demo(demo_store: LocalStore) -> None:
    assert len(facility_choices(demo_store)) >= 1
    referrals = referral_choices(demo_store)
    assert (
        len(referrals)
        == demo_store.db.execute("SELECT count(*) FROM referral WHERE deleted = 0").fetchone()[0]
    )


def test_campaign_period_covers_the_demo_season(demo_store: LocalStore) -> None:
    start, end = campaign_period(demo_store)
    assert isinstance(start, date) and start <= end


def test_no_campaign_is_a_clear_error(store: LocalStore) -> None:
    with pytest.raises(InvalidInput):
        douar_choices(store)


def test_default_report_day_falls_on_a_day_with_records(demo_store: LocalStore) -> None:
    from coldwave_app.services.report_choices import default_report_day

    start, end = campaign_period(demo_store)
    day = default_report_day(demo_store)
    assert start <= day <= end
    if not start <= date.today() <= end:
        nights = demo_store.db.execute(
            "SELECT count(*) FROM bed_night WHERE night_date = ?", [day.isoformat()]
        ).fetchone()[0]
        events = demo_store.db.execute(
            "SELECT count(*) FROM distribution_event WHERE occurred_on = ?", [day.isoformat()]
        ).fetchone()[0]
        assert nights + events > 0
