"""Benchmark: the field workflows on a province season (issue 9, figures 3-6 and 9).

Run with `make bench`. The season (COLDWAVE_BENCH_PERSONS persons, default 100,000,
and COLDWAVE_BENCH_EVENTS events, default 1,000,000) is generated once into
bench-cache/ and copied once per run (tests/bench/conftest.py). Each figure is one
JSON line with the median, and the p95 where the target is a tail, over repeated
calls; the slow reports repeat until COLDWAVE_BENCH_REPORT_BUDGET_S (default 60 s)
is spent. Search as you type is compared with a bare SQLite FTS5 trigram query
over the same names in an SQLCipher file, measured in the same run.

Set-up writes on the throw-away copy: a distribution event, overrides, bed nights
on the nights after the season, and 500 households moved into one douar by a
direct UPDATE (the generator spreads households at most ~75 per douar).
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path

import pytest
from bench.figures import report, timed_ms
from sqlite_utils import Database

from coldwave_app.services.dedup import likely_matches
from coldwave_app.services.distributions import record_distribution, record_distribution_event
from coldwave_app.services.entitlements import add_default_rules, check_entitlement
from coldwave_app.services.outreach_desk import douar_households
from coldwave_app.services.people_pages import person_page, search_everything
from coldwave_app.services.report_data import write_runsheet, write_sitrep
from coldwave_app.services.shelter import record_roll_call, record_service
from coldwave_app.services.shelter_desk import bed_board_for_night
from coldwave_app.services.synthetic_season import FAMILY, GIVEN_F, GIVEN_M
from coldwave_app.storage import lookups
from coldwave_app.storage.database import open_database
from coldwave_app.storage.local_store import LocalStore

REPORT_BUDGET_S = float(os.environ.get("COLDWAVE_BENCH_REPORT_BUDGET_S", "60"))


def repeat(call: Callable[[], object], *, runs: int, budget_s: float) -> list[float]:
    """Up to `runs` timings of `call` (ms), stopping once `budget_s` is spent (at least one)."""
    samples: list[float] = []
    started = time.perf_counter()
    while len(samples) < runs and (not samples or time.perf_counter() - started < budget_s):
        samples.append(timed_ms(call))
    return samples


# --- search ---------------------------------------------------------------------------


def _typed_queries(rng: random.Random) -> dict[str, list[str]]:
    def full(script: int) -> str:
        given = rng.choice(GIVEN_M + GIVEN_F)
        return f"{given[script]} {rng.choice(FAMILY)[script]}"

    def misspelt(text: str) -> str:
        at = rng.randrange(1, len(text) - 1)
        return text[:at] + text[at + 1 :]  # one letter dropped

    return {
        "arabic": [full(0) for _ in range(8)],
        "latin": [full(1) for _ in range(8)],
        "partial": [full(1)[: rng.randint(3, 5)] for _ in range(8)],
        "misspelt": [misspelt(full(1)) for _ in range(8)],
    }


def _trigram_floor(season: LocalStore, path: Path) -> Database:
    """The same names in a bare FTS5 trigram table of an SQLCipher file (the app's
    engine and page encryption; no folding, no ranking, no second query)."""
    names = open_database(path, b"\x01" * 32, create=True, migrate=False)
    names.execute("CREATE VIRTUAL TABLE names USING fts5(name, tokenize='trigram')")
    rows = season.db.execute(
        "SELECT COALESCE(given_name_ar, '') || ' ' || COALESCE(family_name_ar, '') || ' ' || "
        "COALESCE(given_name_latn, '') || ' ' || COALESCE(family_name_latn, '') FROM person"
    ).fetchall()
    with names.atomic():
        names.conn.executemany("INSERT INTO names (name) VALUES (?)", rows)
    return names


def _floor_query(names: Database, typed: str) -> None:
    if len(typed) >= 3:  # a trigram index needs three letters
        phrase = '"' + typed.replace('"', '""') + '"'
        names.execute("SELECT rowid FROM names WHERE names MATCH ? LIMIT 60", [phrase]).fetchall()
    else:
        names.execute(
            "SELECT rowid FROM names WHERE name LIKE ? LIMIT 60", [f"%{typed}%"]
        ).fetchall()


def test_search_as_you_type(season: LocalStore, tmp_path: Path) -> None:
    names = _trigram_floor(season, tmp_path / "names.db")
    everything: list[float] = []
    floor_all: list[float] = []
    for kind, queries in _typed_queries(random.Random(3)).items():
        samples, floor = [], []
        for query in queries:
            for n in range(1, len(query) + 1):
                typed = query[:n]
                if not typed.strip():
                    continue
                samples.append(timed_ms(partial(search_everything, season, text=typed)))
                floor.append(timed_ms(partial(_floor_query, names, typed)))
        report(f"search_as_you_type_{kind}", samples, target_ms=30, p95=True, floor_ms=floor)
        everything += samples
        floor_all += floor
    report("search_as_you_type", everything, target_ms=30, p95=True, floor_ms=floor_all,
           floor="FTS5 trigram, SQLCipher file, same names")  # fmt: skip


# --- duplicate and entitlement checks --------------------------------------------------


def test_duplicate_search_before_creating_a_person(season: LocalStore) -> None:
    rng = random.Random(5)

    def one() -> None:
        sex = rng.choice("mf")
        given = rng.choice(GIVEN_M if sex == "m" else GIVEN_F)
        family = rng.choice(FAMILY)
        likely_matches(
            season, sex=sex, given_name_latn=given[1] + rng.choice(["", "e", "h"]),
            family_name_ar=family[0], birth_year=rng.randint(1940, 2020), province_code="05.301",
        )  # fmt: skip

    for _ in range(10):
        one()  # warm the page cache
    report("duplicate_search", [timed_ms(one) for _ in range(200)], target_ms=50, p95=True)


def test_entitlement_check_at_entry(season: LocalStore) -> None:
    catalogue = lookups.catalogue_ids(season.db, season.campaign_id or "")
    add_default_rules(season, catalogue)
    people = [r[0] for r in season.db.execute("SELECT id FROM person LIMIT 5000")]
    households = [r[0] for r in season.db.execute("SELECT id FROM household LIMIT 5000")]
    rng = random.Random(6)
    samples = []
    for n in range(500):
        if n % 2:
            call = lambda: check_entitlement(  # noqa: E731
                season, day="2026-01-10", sitting_id="bench", person_id=rng.choice(people),
                item_id=catalogue["BLANKET"],
            )  # fmt: skip
        else:
            call = lambda: check_entitlement(  # noqa: E731
                season, day="2026-01-10", sitting_id="bench",
                household_id=rng.choice(households), kit_type_id=catalogue["KIT_GRAND_FROID"],
            )  # fmt: skip
        samples.append(timed_ms(call))
    report("entitlement_check", samples, target_ms=5, p95=True)


# --- recording (each with its outbox and audit rows) -----------------------------------


@pytest.fixture(scope="module")
def shelter(season: LocalStore) -> tuple[str, list[tuple[str, str]]]:
    """The centre with the most open stays, and (person, stay) of 60 of its residents."""
    facility = season.db.execute(
        "SELECT facility_id FROM stay WHERE exit_at IS NULL AND deleted = 0 "
        "GROUP BY facility_id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    residents = season.db.execute(
        "SELECT person_id, id FROM stay WHERE facility_id = ? AND exit_at IS NULL "
        "AND deleted = 0 ORDER BY id LIMIT 60",
        [facility],
    ).fetchall()
    assert len(residents) == 60
    return facility, [(r[0], r[1]) for r in residents]


AFTER_SEASON = date(2026, 3, 10)


def test_record_a_distribution_line(season: LocalStore) -> None:
    catalogue = lookups.catalogue_ids(season.db, season.campaign_id or "")
    douar = season.db.execute("SELECT geo_code FROM household LIMIT 1").fetchone()[0]
    event = record_distribution_event(
        season, occurred_on=date(2026, 2, 28), access_mode="road", geo_code=douar
    )
    people = [r[0] for r in season.db.execute("SELECT id FROM person ORDER BY random() LIMIT 200")]
    give = partial(record_distribution, season, event_id=event, item_id=catalogue["BLANKET"],
                   override_reason="benchmark")  # fmt: skip
    samples = [timed_ms(partial(give, person_id=p)) for p in people]
    report("record_distribution_line", samples, target_ms=10, p95=True)


def test_record_a_bed_night_and_a_service(
    season: LocalStore, shelter: tuple[str, list[tuple[str, str]]]
) -> None:
    facility, residents = shelter
    nights, services = [], []
    for k in range(3):
        night = AFTER_SEASON + timedelta(days=k)
        now = datetime.combine(night + timedelta(days=1), datetime.min.time()).replace(hour=8)
        for person, stay in residents:
            nights.append(timed_ms(partial(record_roll_call, season, facility_id=facility,
                                           night=night, now=now, present={person})))  # fmt: skip
            services.append(timed_ms(partial(record_service, season, stay_id=stay,
                                             service_type="meal", at=now)))  # fmt: skip
    report("record_bed_night", nights, target_ms=10, p95=True)
    report("record_service", services, target_ms=10, p95=True)


def test_roll_call_of_60_residents(
    season: LocalStore, shelter: tuple[str, list[tuple[str, str]]]
) -> None:
    facility, residents = shelter
    present = {p for p, _stay in residents}
    samples = []
    for k in range(10, 20):
        night = AFTER_SEASON + timedelta(days=k)
        now = datetime.combine(night, datetime.min.time()).replace(hour=22)
        samples.append(timed_ms(partial(record_roll_call, season, facility_id=facility,
                                        night=night, now=now, present=present)))  # fmt: skip
    report("roll_call_60_residents", samples, target_ms=200, p95=True)


# --- opening lists ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def big_douar(season: LocalStore) -> str:
    code = season.db.execute(
        "SELECT geo_code FROM household WHERE deleted = 0 GROUP BY geo_code "
        "ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    with season.db.atomic():
        season.db.execute(
            "UPDATE household SET geo_code = ? WHERE id IN (SELECT id FROM household "
            "WHERE geo_code <> ? AND deleted = 0 ORDER BY id LIMIT 500 - "
            "(SELECT count(*) FROM household WHERE geo_code = ? AND deleted = 0))",
            [code, code, code],
        )
    return str(code)


def test_open_person_history(season: LocalStore) -> None:
    busiest = [r[0] for r in season.db.execute(
        "SELECT person_id FROM distribution_line WHERE person_id IS NOT NULL "
        "GROUP BY person_id ORDER BY count(*) DESC LIMIT 30")]  # fmt: skip
    samples = [timed_ms(partial(person_page, season, person_id=p)) for p in busiest]
    report("open_person_history", samples, target_ms=100, p95=True)


def test_open_a_douar_of_500_households(season: LocalStore, big_douar: str) -> None:
    households = douar_households(season, geo_code=big_douar)
    assert len(households) == 500
    samples = [timed_ms(lambda: douar_households(season, geo_code=big_douar)) for _ in range(20)]
    report("open_douar_500_households", samples, target_ms=100, p95=True)


def test_open_the_residents_list(
    season: LocalStore, shelter: tuple[str, list[tuple[str, str]]]
) -> None:
    facility, _residents = shelter
    nights = [date(2026, 1, 5) + timedelta(days=k) for k in range(20)]
    board = partial(bed_board_for_night, season, facility_id=facility)
    samples = [timed_ms(partial(board, night=n)) for n in nights]
    report("open_residents_list", samples, target_ms=100, p95=True)


# --- reports ---------------------------------------------------------------------------


def test_sitrep_pdf_for_the_whole_season(season: LocalStore, tmp_path: Path) -> None:
    first, last = season.db.execute(
        "SELECT min(night_date), max(night_date) FROM bed_night WHERE night_date < ?",
        [AFTER_SEASON.isoformat()],
    ).fetchone()
    samples = repeat(
        lambda: write_sitrep(season, tmp_path / "sitrep.pdf", start=date.fromisoformat(first),
                             end=date.fromisoformat(last)),
        runs=3, budget_s=REPORT_BUDGET_S,
    )  # fmt: skip
    report("sitrep_pdf_season", samples, target_ms=3000, days=f"{first}..{last}")


def test_runsheet_for_a_douar_of_500_households(
    season: LocalStore, big_douar: str, tmp_path: Path
) -> None:
    samples = repeat(
        lambda: write_runsheet(season, tmp_path / "runsheet.pdf", douars=[big_douar],
                               on=date(2026, 2, 28)),
        runs=5, budget_s=REPORT_BUDGET_S,
    )  # fmt: skip
    report("runsheet_pdf_500_households", samples, target_ms=2000)
