"""What the demo tracks share: the store, the seeded random source, the campaign's
ids, the simulated calendar and the people met so far."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from coldwave_app.domain.vocabulary import RiskLevel
from coldwave_app.storage.geography import Place
from coldwave_app.storage.local_store import LocalStore

KHENIFRA = "05.301"
SEASON_START = date(2025, 11, 17)
SEASON_END = date(2026, 3, 1)  # the morning after the last night of the season
ALERT_START = date(2026, 1, 6)
ALERT_END = date(2026, 1, 19)


@dataclass(frozen=True)
class StayInfo:
    person_id: str
    stay_id: str
    entry: date
    exit: date | None = None
    destination: str | None = None


@dataclass(frozen=True)
class HouseholdInfo:
    id: str
    douar: str
    head_id: str
    head_name: str
    member_ids: tuple[str, ...]
    size: int


@dataclass
class Demo:
    store: LocalStore
    rng: random.Random
    ids: dict[str, str]  # catalogue item and kit ids by code
    facility_id: str
    warehouse_id: str
    targets: list[tuple[Place, RiskLevel]]
    partners: dict[str, str] = field(default_factory=dict)
    waves: list[tuple[str, date, date]] = field(default_factory=list)
    households: list[HouseholdInfo] = field(default_factory=list)
    # The street population: registered persons who are not in a bed tonight.
    outside: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # person id -> a display name
    stays: list[StayInfo] = field(default_factory=list)
    # Men registered with a full Latin name and birth year: (id, given, family, year).
    named: list[tuple[str, str, str, int]] = field(default_factory=list)
    blanketed: set[str] = field(default_factory=set)  # persons given a blanket
    counts: Counter[str] = field(default_factory=Counter)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))


def days(start: date, end: date) -> list[date]:
    """Every date from `start` to `end` included."""
    return [start + timedelta(n) for n in range((end - start).days + 1)]
