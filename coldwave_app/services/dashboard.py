"""The campaign lead's dashboard: the day, the week or the whole campaign at a glance.

Built on the same figures as the situation report (services.report_data.sitrep_data),
so the screen and the paper never disagree, plus what only the screen shows: what
was handed out each day, households reached against the targets by risk level, the
targeted douars ordered by how far they are from their target, and the review
queue. Reading a whole season takes a while: callers run it off the UI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from coldwave_app.domain.errors import N_, InvalidInput
from coldwave_app.reports.models import Sitrep
from coldwave_app.services.cold_alert import ColdAlertStatus, cold_alert_status
from coldwave_app.services.report_choices import campaign_period, default_report_day
from coldwave_app.services.report_data import sitrep_data
from coldwave_app.services.review_queue import open_review_counts
from coldwave_app.storage import dashboard_queries as q
from coldwave_app.storage.geography import GeoRepository
from coldwave_app.storage.local_store import LocalStore

__all__ = ["PERIODS", "Dashboard", "DayGiven", "DouarGap", "dashboard_data", "period_bounds"]

PERIODS: Final = ("today", "week", "campaign")
RISK_ORDER: Final = ("red", "orange", "yellow")


@dataclass(frozen=True)
class DayGiven:
    day: date
    kits: float
    items: float


@dataclass(frozen=True)
class DouarGap:
    """A targeted douar: its target, the households reached in the period, and the gap."""

    code: str
    name_ar: str
    name_fr: str
    risk_level: str
    target_households: int | None
    reached_households: int

    @property
    def gap(self) -> int | None:
        """Households still to reach (never below zero); None without a target."""
        if self.target_households is None:
            return None
        return max(self.target_households - self.reached_households, 0)


@dataclass(frozen=True)
class Dashboard:
    period: str
    start: date
    end: date
    sitrep: Sitrep
    given_per_day: list[DayGiven]
    households_by_risk: dict[str, tuple[int, int]]  # level -> (target households, reached)
    douars: list[DouarGap]  # largest gap first
    review_counts: dict[str, int]
    alert: ColdAlertStatus | None  # in force on the last day of the period
    province_code: str


def period_bounds(store: LocalStore, period: str) -> tuple[date, date]:
    """(first, last) day of "today", "week" (the 7 days to today) or "campaign".

    "Today" is the report day of the campaign: today while it runs, its last active
    day once nothing has been recorded for a month (services.report_choices).
    """
    if period not in PERIODS:
        raise InvalidInput(N_("Unknown period {period}."), period=period)
    day = default_report_day(store)
    if period == "today":
        return day, day
    first, last = campaign_period(store)
    if period == "week":
        return max(day - timedelta(days=6), first), day
    return first, max(last, day)


def dashboard_data(store: LocalStore, *, period: str = "today") -> Dashboard:
    """Every figure of the dashboard for the period."""
    start, end = period_bounds(store, period)
    campaign = store.campaign_id or ""
    sitrep = sitrep_data(store, start=start, end=end)
    given = [
        DayGiven(date.fromisoformat(g.day), g.kits, g.items)
        for g in q.given_per_day(store.db, campaign, start.isoformat(), end.isoformat())
    ]
    reached = {line.code: line.households for line in sitrep.douars}
    geo = GeoRepository(store.db)
    douars: list[DouarGap] = []
    by_risk: dict[str, list[int]] = {}
    for target in q.targets(store.db, campaign):
        place = geo.get(target.geo_code)
        gap = DouarGap(
            target.geo_code,
            place.name_ar if place else target.geo_code,
            (place.name_fr or place.name_ar) if place else target.geo_code,
            target.risk_level,
            target.target_households,
            reached.get(target.geo_code, 0),
        )
        douars.append(gap)
        totals = by_risk.setdefault(target.risk_level, [0, 0])
        totals[0] += target.target_households or 0
        totals[1] += gap.reached_households
    douars.sort(key=lambda d: (-(d.gap if d.gap is not None else -1), d.name_fr))
    ordered = sorted(by_risk, key=lambda lvl: (*RISK_ORDER, lvl).index(lvl))
    return Dashboard(
        period=period,
        start=start,
        end=end,
        sitrep=sitrep,
        given_per_day=given,
        households_by_risk={lvl: (by_risk[lvl][0], by_risk[lvl][1]) for lvl in ordered},
        douars=douars,
        review_counts=open_review_counts(store),
        alert=cold_alert_status(store, on=end),
        province_code=q.province_of(store.db, campaign),
    )
