"""The demo season `coldwave demo` builds: realistic figures, built through the services."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from helpers.stores import ADMIN, PASSWORD

from coldwave_app.services.dedup import count_distinct_persons
from coldwave_app.services.demo_campaign import DemoSummary, build_demo_campaign
from coldwave_app.services.shelter import occupancy, occupancy_by_night
from coldwave_app.storage import digest
from coldwave_app.storage.local_store import LocalStore, unlock


def _build(template_dir: Path, target: Path) -> tuple[LocalStore, DemoSummary]:
    shutil.copytree(template_dir, target)
    store = unlock(target, username=ADMIN, password=PASSWORD)
    return store, build_demo_campaign(store, seed=2025)


@pytest.fixture(scope="module")
def demo(
    template_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[LocalStore, DemoSummary]]:
    store, summary = _build(template_dir, tmp_path_factory.mktemp("demo") / "data")
    yield store, summary
    store.close()


def _rows(store: LocalStore, sql: str) -> dict[str, int]:
    return {str(k): int(v) for k, v in store.db.execute(sql).fetchall()}


def test_the_demo_keeps_the_centre_and_the_targets(demo: tuple[LocalStore, DemoSummary]) -> None:
    store, _ = demo
    counts = digest.record_counts(store.db)
    assert counts["bed"] == 40 and counts["campaign_target"] == 40
    assert counts["entitlement_rule"] == 4 and counts["kit_type"] == 1


def test_hundreds_of_people_with_partial_identities_and_one_merge(
    demo: tuple[LocalStore, DemoSummary],
) -> None:
    store, summary = demo
    persons = digest.record_counts(store.db)["person"]
    assert 300 <= persons <= 500
    assert count_distinct_persons(store) == persons - 1  # one reviewed merge
    assert digest.record_counts(store.db)["household"] == 120
    qualities = _rows(store, "SELECT name_quality, count(*) FROM person GROUP BY 1")
    assert qualities.get("alias", 0) > 0 and qualities.get("refused", 0) > 0
    assert _rows(store, "SELECT cin_quality, count(*) FROM person GROUP BY 1")["refused"] > 20
    assert summary.counts["likely_duplicates"] >= 3
    assert (
        store.db.execute(
            "SELECT count(*) FROM person "
            "WHERE given_name_ar IS NOT NULL AND given_name_latn IS NOT NULL"
        ).fetchone()[0]
        > 100
    )


def test_a_winter_of_roll_calls_mostly_between_60_and_100_percent(
    demo: tuple[LocalStore, DemoSummary],
) -> None:
    store, summary = demo
    nights = occupancy_by_night(
        store, facility_id=summary.facility_id, start=date(2025, 11, 17), end=date(2026, 2, 28)
    )
    assert len(nights) == 104
    assert sum(n for _, n in nights) > 2500  # thousands of bed nights
    rates = [
        occupancy(store, facility_id=summary.facility_id, night=date.fromisoformat(night)).rate
        for night, _ in nights
    ]
    assert sum(0.6 <= r <= 1.0 for r in rates) >= 0.85 * len(rates)
    # The January cold alert opens the overflow beds, and they are used.
    alert = occupancy(store, facility_id=summary.facility_id, night=date(2026, 1, 12))
    assert alert.capacity == 40 and alert.occupied > 34
    exits = _rows(store, "SELECT exit_destination, count(*) FROM stay GROUP BY 1")
    assert exits["family_reintegration"] >= 3 and exits["left_without_notice"] > 0
    assert len(exits) >= 6
    services = _rows(store, "SELECT service_type, count(*) FROM service_delivery GROUP BY 1")
    assert {"meal", "shower", "clothes", "health_check"} <= set(services)


def test_outreach_gives_kits_and_blankets_and_counts_the_anonymous(
    demo: tuple[LocalStore, DemoSummary],
) -> None:
    store, summary = demo
    given = digest.items_distributed(store.db)
    assert given["BLANKET"] > 500 and given["FLOUR"] > 1000  # kits expanded
    assert summary.counts["rural_rounds"] == 15 and summary.counts["street_rounds"] > 20
    assert summary.counts["blanket_refused"] == 1 and summary.counts["blanket_overrides"] == 1
    assert digest.record_counts(store.db)["entitlement_override"] == 1
    assert digest.record_counts(store.db)["tally"] > 0
    anonymous = store.db.execute("SELECT count(*) FROM encounter WHERE person_id IS NULL")
    assert anonymous.fetchone()[0] > 0
    outcomes = _rows(store, "SELECT outcome, count(*) FROM encounter GROUP BY 1")
    assert outcomes["accepted_shelter"] > 0
    routes = _rows(store, "SELECT entry_route, count(*) FROM stay GROUP BY 1")
    assert routes["outreach_team"] >= outcomes["accepted_shelter"]


def test_cases_with_referrals_follow_ups_and_reintegrations(
    demo: tuple[LocalStore, DemoSummary],
) -> None:
    store, _ = demo
    counts = digest.record_counts(store.db)
    assert 25 <= counts["case_file"] <= 35
    statuses = _rows(store, "SELECT status, count(*) FROM referral GROUP BY 1")
    assert len(statuses) >= 3
    assert (
        store.db.execute("SELECT count(*) FROM referral WHERE consent_id IS NULL").fetchone()[0]
        == 0
    )
    assert 3 <= counts["family_reintegration"] <= 5
    kinds = _rows(store, "SELECT kind, count(*) FROM follow_up GROUP BY 1")
    assert kinds["regular"] > 0 and kinds["check_30"] >= 2 and kinds["check_90"] >= 1
    visibilities = _rows(store, "SELECT visibility, count(*) FROM case_note GROUP BY 1")
    assert len(visibilities) == 3


def test_no_conflicts_and_the_same_seed_gives_the_same_season(
    demo: tuple[LocalStore, DemoSummary], template_dir: Path, tmp_path: Path
) -> None:
    store, summary = demo
    assert digest.open_conflicts(store.db) == 0
    # Record ids and CIN hashes are random as in the app (new_id, a per-laptop key),
    # so compare what was recorded rather than the content digest.
    again, other = _build(template_dir, tmp_path / "again")
    try:
        assert other.counts == summary.counts
        assert digest.record_counts(again.db) == digest.record_counts(store.db)
        assert digest.items_distributed(again.db) == digest.items_distributed(store.db)
    finally:
        again.close()
