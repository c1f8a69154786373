"""The dashboard's figures agree with the indicators and the situation report."""

from __future__ import annotations

from datetime import date

import pytest

from coldwave_app.domain.errors import InvalidInput
from coldwave_app.services import indicators
from coldwave_app.services.dashboard import dashboard_data, period_bounds
from coldwave_app.storage.local_store import LocalStore


def test_campaign_period_totals_match_the_indicators(demo_store: LocalStore) -> None:
    board = dashboard_data(demo_store, period="campaign")
    reached = indicators.households_reached(demo_store, board.start, board.end)
    assert board.sitrep.households_reached == reached["total"] > 0
    given_kits = sum(d.kits for d in board.given_per_day)
    given_items = sum(d.items for d in board.given_per_day)
    assert given_kits + given_items > 0
    days = [d.day for d in board.given_per_day]
    assert days == sorted(days) and all(board.start <= d <= board.end for d in days)


def test_douars_are_ordered_by_gap_and_add_up_by_risk(demo_store: LocalStore) -> None:
    board = dashboard_data(demo_store, period="campaign")
    assert board.douars, "the demo targets douars"
    gaps = [d.gap if d.gap is not None else -1 for d in board.douars]
    assert gaps == sorted(gaps, reverse=True)
    for level, (target, reached) in board.households_by_risk.items():
        mine = [d for d in board.douars if d.risk_level == level]
        assert target == sum(d.target_households or 0 for d in mine)
        assert reached == sum(d.reached_households for d in mine)
    assert all(d.gap is None or d.gap >= 0 for d in board.douars)


def test_periods_nest_today_in_week_in_campaign(demo_store: LocalStore) -> None:
    today = period_bounds(demo_store, "today")
    week = period_bounds(demo_store, "week")
    campaign = period_bounds(demo_store, "campaign")
    assert today[0] == today[1] == week[1]
    assert campaign[0] <= week[0] <= today[0] <= campaign[1]
    assert (week[1] - week[0]).days <= 6


def test_unknown_period_is_refused(demo_store: LocalStore) -> None:
    with pytest.raises(InvalidInput):
        period_bounds(demo_store, "fortnight")


def test_review_counts_list_every_kind(demo_store: LocalStore) -> None:
    board = dashboard_data(demo_store, period="today")
    assert set(board.review_counts) == {"double_serving", "likely_duplicate"}
    assert isinstance(board.start, date)


def test_a_lifted_cold_alert_is_no_longer_in_force(demo_store: LocalStore) -> None:
    from datetime import datetime, timedelta

    from coldwave_app.services.cold_alert import (
        cold_alert_status,
        declare_cold_alert,
        lift_cold_alert,
    )

    day = period_bounds(demo_store, "today")[0]
    province = demo_store.db.execute("SELECT province_code FROM campaign").fetchone()[0]
    alert_id = declare_cold_alert(
        demo_store, level="red", starts_on=day, ends_on=None, province_codes=[province]
    )
    status = cold_alert_status(demo_store, on=day + timedelta(days=1))
    assert status is not None and status.alert_id == alert_id
    lift_cold_alert(demo_store, alert_id=alert_id, at=datetime.combine(day, datetime.min.time()))
    assert cold_alert_status(demo_store, on=day + timedelta(days=1)) is None
