"""Benchmark: duplicate search and entitlement checks on a province season.

Run with `make bench`. The season (COLDWAVE_BENCH_PERSONS persons, default
100,000, and COLDWAVE_BENCH_EVENTS events, default 1,000,000) is generated once
and cached in bench-cache/; each figure is printed as one JSON line with the
median and p95 over repeated calls.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import time
from pathlib import Path

import pytest

from coldwave_app.services.dedup import likely_matches
from coldwave_app.services.entitlements import add_default_rules, check_entitlement
from coldwave_app.services.people import reindex_people
from coldwave_app.services.synthetic_season import FAMILY, GIVEN_F, GIVEN_M, generate_season
from coldwave_app.storage import lookups
from coldwave_app.storage.geography import load_geography
from coldwave_app.storage.keystore import KdfParams
from coldwave_app.storage.local_store import LocalStore, initialise, unlock

PERSONS = int(os.environ.get("COLDWAVE_BENCH_PERSONS", "100000"))
EVENTS = int(os.environ.get("COLDWAVE_BENCH_EVENTS", "1000000"))
CACHE = Path(__file__).resolve().parents[2] / "bench-cache" / f"season-{PERSONS}-{EVENTS}"
PASSWORD = "benchmark-password"


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(figure: str, samples_ms: list[float], **extra: object) -> None:
    print(json.dumps({
        "figure": figure, "persons": PERSONS, "runs": len(samples_ms),
        "median_ms": round(statistics.median(samples_ms), 2),
        "p95_ms": round(percentile(samples_ms, 0.95), 2), **extra,
    }))  # fmt: skip


@pytest.fixture(scope="module")
def season(tmp_path_factory: pytest.TempPathFactory) -> LocalStore:
    if not (CACHE / "keys.json").exists():
        building = CACHE.with_name(CACHE.name + ".building")
        shutil.rmtree(building, ignore_errors=True)
        store = initialise(building, admin="bench", password=PASSWORD, kdf=KdfParams.for_tests())
        load_geography(store.db)
        generate_season(store, persons=PERSONS, events=EVENTS, seed=1)
        reindex_people(store)
        store.close()
        building.rename(CACHE)
    work = tmp_path_factory.mktemp("season") / "data"
    shutil.copytree(CACHE, work)
    return unlock(work, username="bench", password=PASSWORD)


def test_duplicate_search_before_creating_a_person(season: LocalStore) -> None:
    rng = random.Random(5)
    samples = []
    for _ in range(200):
        sex = rng.choice("mf")
        given = rng.choice(GIVEN_M if sex == "m" else GIVEN_F)
        family = rng.choice(FAMILY)
        started = time.perf_counter()
        likely_matches(
            season, sex=sex, given_name_latn=given[1] + rng.choice(["", "e", "h"]),
            family_name_ar=family[0], birth_year=rng.randint(1940, 2020), province_code="05.301",
        )  # fmt: skip
        samples.append((time.perf_counter() - started) * 1000)
    report("duplicate_search", samples, target_p95_ms=50)


def test_entitlement_check_at_entry(season: LocalStore) -> None:
    catalogue = lookups.catalogue_ids(season.db, season.campaign_id or "")
    add_default_rules(season, catalogue)
    people = [r[0] for r in season.db.execute("SELECT id FROM person LIMIT 5000")]
    households = [r[0] for r in season.db.execute("SELECT id FROM household LIMIT 5000")]
    rng = random.Random(6)
    samples = []
    for n in range(500):
        started = time.perf_counter()
        if n % 2:
            check_entitlement(
                season, day="2026-01-10", sitting_id="bench", person_id=rng.choice(people),
                item_id=catalogue["BLANKET"],
            )  # fmt: skip
        else:
            check_entitlement(season, day="2026-01-10", sitting_id="bench",
                              household_id=rng.choice(households),
                              kit_type_id=catalogue["KIT_GRAND_FROID"])  # fmt: skip
        samples.append((time.perf_counter() - started) * 1000)
    report("entitlement_check", samples, target_p95_ms=5)
