"""Retention and purge: a closed campaign's personal data go after its retention
period, on a dry run nothing changes, and every indicator keeps its value."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from coldwave_app.domain.errors import RuleViolation
from coldwave_app.domain.retention_rules import ENTITY_FIELDS, EVENT_FIELDS
from coldwave_app.services.campaign_setup import close_campaign
from coldwave_app.services.indicators import campaign_indicators
from coldwave_app.services.retention import purge_campaign, set_retention
from coldwave_app.storage.catalog import Catalog, TableKind
from coldwave_app.storage.local_store import LocalStore

SEASON = (date(2025, 11, 17), date(2026, 3, 1))
CLOSED = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
AFTER = datetime(2026, 7, 1, tzinfo=UTC)


def _close(store: LocalStore, days: int | None = 90) -> None:
    close_campaign(store, period_end=SEASON[1], closed_at=CLOSED)
    if days is not None:
        set_retention(store, days=days)


def _count(store: LocalStore, sql: str, *params: object) -> int:
    return int(store.db.execute(sql, list(params)).fetchone()[0])


def _names(store: LocalStore) -> list[str]:
    rows = store.db.execute(
        "SELECT given_name_latn FROM person WHERE given_name_latn IS NOT NULL LIMIT 5"
    ).fetchall()
    return [str(r[0]) for r in rows]


def test_the_purge_plan_names_only_tables_of_the_right_kind(demo_store: LocalStore) -> None:
    catalog = Catalog.from_database(demo_store.db)
    for table, fields in ENTITY_FIELDS.items():
        assert catalog.get(table).kind is TableKind.ENTITY, table
        assert set(fields) <= catalog.get(table).writable, table
    for table, fields in EVENT_FIELDS.items():
        assert catalog.get(table).kind is TableKind.EVENT, table
        assert set(fields) <= catalog.get(table).writable, table


def test_an_open_campaign_cannot_be_purged(demo_store: LocalStore) -> None:
    with pytest.raises(RuleViolation, match="closed"):
        purge_campaign(demo_store, now=AFTER)


def test_a_campaign_without_a_retention_period_cannot_be_purged(demo_store: LocalStore) -> None:
    _close(demo_store, days=None)
    with pytest.raises(RuleViolation, match="retention period"):
        purge_campaign(demo_store, now=AFTER)


def test_a_campaign_within_its_retention_period_cannot_be_purged(demo_store: LocalStore) -> None:
    _close(demo_store, days=365)
    with pytest.raises(RuleViolation, match="2027-03-02"):
        purge_campaign(demo_store, dry_run=True, now=AFTER)


def test_a_dry_run_counts_and_changes_nothing(demo_store: LocalStore) -> None:
    _close(demo_store)
    names = _names(demo_store)
    changes = _count(demo_store, "SELECT count(*) FROM change_log")
    report = purge_campaign(demo_store, dry_run=True, now=AFTER)
    assert report.dry_run and report.persons > 100
    assert report.rows["person"] > 100 and report.rows["case_note"] > 0
    assert report.rows["family_reintegration"] > 0 and report.rows["consent"] > 0
    assert _names(demo_store) == names and names
    assert _count(demo_store, "SELECT count(*) FROM change_log") == changes


def test_purge_clears_personal_data_and_keeps_every_figure(demo_store: LocalStore) -> None:
    _close(demo_store)
    before = campaign_indicators(demo_store, start=SEASON[0], end=SEASON[1])
    name = _names(demo_store)[0]
    planned = purge_campaign(demo_store, dry_run=True, now=AFTER)
    outbox = _count(demo_store, "SELECT count(*) FROM outbox")

    done = purge_campaign(demo_store, now=AFTER)

    assert done.rows == planned.rows and not done.dry_run
    assert campaign_indicators(demo_store, start=SEASON[0], end=SEASON[1]) == before
    for table, fields in {**ENTITY_FIELDS, **EVENT_FIELDS}.items():
        for column, replacement in fields.items():
            left = _count(
                demo_store, f"SELECT count(*) FROM {table} WHERE {column} IS NOT ?", replacement
            )
            assert left == 0, (table, column)
    # No copy of a name stays in the sync log or the search index.
    assert (
        _count(demo_store, "SELECT count(*) FROM change_log WHERE value LIKE ?", f"%{name}%") == 0
    )
    assert _count(demo_store, "SELECT count(*) FROM person_key") == 0
    # Ids and codes stay; entity fields go out to the server as ordinary changes.
    assert _count(demo_store, "SELECT count(*) FROM person WHERE beneficiary_code = ''") == 0
    assert _count(demo_store, "SELECT count(*) FROM outbox") > outbox + planned.rows["person"]
    logged = _count(demo_store, "SELECT count(*) FROM audit_entry WHERE action = 'campaign_purged'")
    assert logged == 1
    # A second purge finds nothing left.
    assert purge_campaign(demo_store, dry_run=True, now=AFTER).total_rows == 0
