"""Retention and purge of a closed campaign's personal data on this laptop (law 09-08).

A campaign lead sets the retention period (`set_retention`); once the campaign is
closed and the period after closure is over, `purge_campaign` clears every personal
field listed in domain.retention_rules: names, CIN, phone, free-text notes, family
contacts. Ids, beneficiary codes, dates, categories, quantities, sex, birth year and
places stay, so every indicator keeps its value. `dry_run=True` only counts what
would go (rows per table, persons; never a name).

Entity fields change through the record writer, so the purge syncs (the server and
the other laptops take the cleared values); event fields and the change-log copies
of all purged values are cleared in place here, as the server's own purge does
(`coldwave-server campaign purge`). The purge is audited. Refused: a campaign not
closed, without a retention period, or still within it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from coldwave_app.domain.errors import N_, InvalidInput
from coldwave_app.domain.retention_rules import (
    CORRECTION_REASON,
    ENTITY_FIELDS,
    EVENT_FIELDS,
    NAME_VARIANT_TABLE,
    PERSON_TABLES,
    check_purge_due,
)
from coldwave_app.domain.roles import Permission
from coldwave_app.services.access import audit, require
from coldwave_app.storage import retention_queries as q
from coldwave_app.storage.local_store import LocalStore

MAX_RETENTION_DAYS = 3650


@dataclass(frozen=True)
class PurgeReport:
    campaign_id: str
    dry_run: bool
    persons: int  # persons whose personal data go
    persons_kept: int  # persons kept whole: a campaign not purged still refers to them
    rows: dict[str, int] = field(default_factory=dict)  # table -> rows cleared

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def set_retention(store: LocalStore, *, campaign_id: str | None = None, days: int) -> None:
    """Set how many days after closure the campaign's personal data are kept."""
    require(store, Permission.MANAGE_CAMPAIGN)
    if not 0 <= days <= MAX_RETENTION_DAYS:
        raise InvalidInput(
            N_("A retention period is between 0 and {max} days."), max=MAX_RETENTION_DAYS
        )
    target = campaign_id or store.campaign_id
    if target is None or q.campaign_retention(store.db, target) is None:
        raise InvalidInput(N_("No campaign {id}."), id=target or "")
    store.writer().update("campaign", target, {"retention_days": days})


def purge_campaign(
    store: LocalStore,
    *,
    campaign_id: str | None = None,
    dry_run: bool = False,
    now: datetime | None = None,
) -> PurgeReport:
    """Purge (or with `dry_run`, count) the campaign's personal data; see the module."""
    require(store, Permission.MANAGE_CAMPAIGN)
    target = campaign_id or store.campaign_id
    retention = q.campaign_retention(store.db, target) if target else None
    if target is None or retention is None:
        raise InvalidInput(N_("No campaign {id}."), id=target or "")
    check_purge_due(retention, now or datetime.now(UTC))
    catalog = store.writer().catalog
    q.check_tables(catalog, [*ENTITY_FIELDS, *EVENT_FIELDS, NAME_VARIANT_TABLE])
    persons, kept = q.persons_to_purge(store.db, target)
    plan: dict[str, list[str]] = {}
    for table, fields in {**ENTITY_FIELDS, **EVENT_FIELDS}.items():
        scope = q.rows_in_scope(store.db, table, target, persons, per_person=table in PERSON_TABLES)
        holding = q.rows_holding(store.db, table, scope, fields)
        if holding:
            plan[table] = holding
    variants = q.name_variants(store.db, persons)
    if variants:
        plan[NAME_VARIANT_TABLE] = variants
    report = PurgeReport(
        campaign_id=target,
        dry_run=dry_run,
        persons=len(persons),
        persons_kept=kept,
        rows={table: len(ids) for table, ids in plan.items()},
    )
    if dry_run:
        return report
    with store.db.atomic():
        _purge(store, target, plan, persons)
        audit(
            store,
            action="campaign_purged",
            table="campaign",
            record_id=target,
            detail={"persons": report.persons, "rows": report.rows},
        )
    return report


def _purge(
    store: LocalStore, campaign_id: str, plan: dict[str, list[str]], persons: list[str]
) -> None:
    writer = store.writer(campaign_id)
    for table, ids in plan.items():
        if table in ENTITY_FIELDS:
            fields = ENTITY_FIELDS[table]
            for row_id in ids:
                writer.update(table, row_id, fields)
        elif table in EVENT_FIELDS:
            q.clear_event_fields(store.db, table, ids, EVENT_FIELDS[table], CORRECTION_REASON)
    for table, fields in {**ENTITY_FIELDS, **EVENT_FIELDS}.items():
        if table in plan:
            q.scrub_change_log(store.db, table, plan[table], fields, CORRECTION_REASON)
    variants = plan.get(NAME_VARIANT_TABLE, [])
    for row_id in variants:
        writer.delete(NAME_VARIANT_TABLE, row_id)
    q.variant_values(store.db, variants)
    q.scrub_change_log(store.db, NAME_VARIANT_TABLE, variants, {"value": ""}, CORRECTION_REASON)
    q.drop_search_keys(store.db, persons)
