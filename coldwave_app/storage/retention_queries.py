"""SQL of the retention purge on the laptop (services.retention drives it).

Reads which persons and rows of a campaign hold personal data still, clears the
fields of append-only events in place, scrubs the copies of purged values kept in
`change_log` (an insert's whole row, an update's value) and in open conflicts, and
drops the derived search keys of purged persons. Table and field names come from
domain.retention_rules and are checked against the catalog before use in SQL.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlite_utils import Database

from coldwave_app.domain.retention_rules import CampaignRetention
from coldwave_app.storage.catalog import Catalog
from coldwave_app.storage.record_writer import encode_value

_CHUNK = 500

# Tables in which a person's records point at the person (to tell who is still
# active in another campaign).
PERSON_REFERENCES = (
    "stay",
    "bed_night",
    "encounter",
    "distribution_line",
    "service_delivery",
    "case_file",
    "household_member",
    "health_observation",
    "consent",
)


def _chunks(ids: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _marks(ids: Sequence[str]) -> str:
    return ", ".join("?" for _ in ids)


def campaign_retention(db: Database, campaign_id: str) -> CampaignRetention | None:
    row = db.execute(
        "SELECT status, closed_at, retention_days FROM campaign WHERE id = ? AND deleted = 0",
        [campaign_id],
    ).fetchone()
    return None if row is None else CampaignRetention(row[0], row[1], row[2])


def persons_to_purge(db: Database, campaign_id: str) -> tuple[list[str], int]:
    """(ids of the campaign's persons to purge, how many are kept because a campaign not
    being purged still refers to them)."""
    elsewhere = " UNION ".join(
        f"SELECT person_id FROM {t} WHERE campaign_id != ? AND person_id IS NOT NULL"
        for t in PERSON_REFERENCES
    )
    rows = db.execute(
        f"SELECT id, id IN ({elsewhere}) FROM person WHERE campaign_id = ? ORDER BY id",
        [*([campaign_id] * len(PERSON_REFERENCES)), campaign_id],
    ).fetchall()
    return [str(r[0]) for r in rows if not r[1]], sum(1 for r in rows if r[1])


def rows_in_scope(
    db: Database, table: str, campaign_id: str, person_ids: Sequence[str], *, per_person: bool
) -> list[str]:
    """Ids of `table`'s rows the purge covers: a purged person's, or the campaign's."""
    if not per_person:
        rows = db.execute(f"SELECT id FROM {table} WHERE campaign_id = ?", [campaign_id])
        return [str(r[0]) for r in rows.fetchall()]
    column = "id" if table == "person" else "person_id"
    found: list[str] = []
    for chunk in _chunks(person_ids):
        rows = db.execute(f"SELECT id FROM {table} WHERE {column} IN ({_marks(chunk)})", chunk)
        found.extend(str(r[0]) for r in rows.fetchall())
    return found


def rows_holding(
    db: Database, table: str, row_ids: Sequence[str], fields: Mapping[str, Any]
) -> list[str]:
    """The rows among `row_ids` where some field still differs from its replacement."""
    test = " OR ".join(f"{f} IS NOT ?" for f in fields)
    found: list[str] = []
    for chunk in _chunks(row_ids):
        rows = db.execute(
            f"SELECT id FROM {table} WHERE id IN ({_marks(chunk)}) AND ({test})",
            [*chunk, *fields.values()],
        )
        found.extend(str(r[0]) for r in rows.fetchall())
    return found


def clear_event_fields(
    db: Database, table: str, row_ids: Sequence[str], fields: Mapping[str, Any], reason: str
) -> None:
    """Clear fields of append-only events in place (the one sanctioned in-place change
    of an event: the law requires the data gone, not corrected)."""
    assignments = ", ".join(f"{f} = ?" for f in fields)
    for chunk in _chunks(row_ids):
        db.execute(
            f"UPDATE {table} SET {assignments}, correction_reason = CASE WHEN "
            f"correction_reason IS NULL THEN NULL ELSE ? END WHERE id IN ({_marks(chunk)})",
            [*fields.values(), reason, *chunk],
        )


def scrub_change_log(
    db: Database, table: str, row_ids: Sequence[str], fields: Mapping[str, Any], reason: str
) -> int:
    """Replace the purged values in `change_log` copies of these rows; returns how many
    change rows were rewritten."""
    rewritten = 0
    for chunk in _chunks(row_ids):
        rows = db.execute(
            f"SELECT seq, op, field, value FROM change_log WHERE table_name = ? "
            f"AND row_id IN ({_marks(chunk)})",
            [table, *chunk],
        ).fetchall()
        for seq, op, field, value in rows:
            new = _scrubbed(op, field, value, fields, reason)
            if new is not None and new != value:
                db.execute("UPDATE change_log SET value = ? WHERE seq = ?", [new, seq])
                rewritten += 1
        db.execute(
            f"UPDATE conflict SET base_value = NULL, mine_value = NULL, theirs_value = NULL, "
            f"resolution_value = NULL WHERE table_name = ? AND row_id IN ({_marks(chunk)}) "
            f"AND field IN ({_marks(list(fields))})",
            [table, *chunk, *fields],
        )
    return rewritten


def _scrubbed(
    op: str, field: str | None, value: str | None, fields: Mapping[str, Any], reason: str
) -> str | None:
    if op == "update":
        return encode_value(fields[field]) if field is not None and field in fields else None
    if op != "insert" or value is None:
        return None
    try:
        row = json.loads(value)
    except ValueError:
        return None
    if not isinstance(row, dict):
        return None
    for name, replacement in fields.items():
        if name in row:
            row[name] = replacement
    if row.get("correction_reason") is not None:
        row["correction_reason"] = reason
    return encode_value(row)


def drop_search_keys(db: Database, person_ids: Sequence[str]) -> None:
    """Forget the name-derived search keys of purged persons (a local index)."""
    for chunk in _chunks(person_ids):
        db.execute(f"DELETE FROM person_key WHERE person_id IN ({_marks(chunk)})", chunk)


def name_variants(db: Database, person_ids: Sequence[str]) -> list[str]:
    found: list[str] = []
    for chunk in _chunks(person_ids):
        rows = db.execute(
            f"SELECT id FROM person_name_variant WHERE deleted = 0 "
            f"AND person_id IN ({_marks(chunk)})",
            chunk,
        )
        found.extend(str(r[0]) for r in rows.fetchall())
    return found


def variant_values(db: Database, variant_ids: Sequence[str]) -> None:
    """Blank the value of tombstoned name variants (the column may not be null)."""
    for chunk in _chunks(variant_ids):
        db.execute(
            f"UPDATE person_name_variant SET value = '' WHERE id IN ({_marks(chunk)})", chunk
        )


def check_tables(catalog: Catalog, tables: Iterable[str]) -> None:
    """KeyError when a table of the purge plan is not a synced table of this database."""
    for table in tables:
        catalog.get(table)
