"""Migration 0004: indexes that keep a province season (100,000 people, 1,000,000
events) fast; measured by tests/bench (issue 9). No table or row changes.

- `change_log(hlc)`: opening the store reads max(hlc) to seed the clock; without
  it that is a scan of the whole change log (15 s on a season).
- the outbox (`origin = 'local' AND push_state = 'pending'`) as its own partial
  index holding `table_name`: the pending count reads the index alone, where the
  `push_state` index alone made it fetch every change row to test `origin`.
- `person_key(key, person_id)`, `person_block(person_id, ...)` and `person(id,
  deleted)`: the duplicate check's candidate query reads only index pages.
- covering indexes for the reports' period scans (bed nights, distribution lines
  and their events and households, services): a whole-season sitrep reads these
  compact, contiguous trees instead of every table row (bed nights of a season:
  27 s -> 1 s on the shared bench machine).
- a douar's household list and a person's page look lines up by household and by
  person: those two indexes (and members by household) now cover the columns read.
- corrections: `corrects_id` indexes become partial (`IS NOT NULL`): the "not
  superseded" test every report makes per event row probes a tree of the few
  corrections instead of one entry per event.
"""

from __future__ import annotations

from typing import Any

STATEMENTS = [
    "CREATE INDEX ix_change_log_hlc ON change_log(hlc)",
    "CREATE INDEX ix_change_log_outbox ON change_log(table_name, seq) "
    "WHERE origin = 'local' AND push_state = 'pending'",
    "DROP INDEX ix_person_key_key",
    "CREATE INDEX ix_person_key_key ON person_key(key, person_id)",
    "CREATE INDEX ix_person_block_blocking ON person_block(person_id, sex, birth_year, "
    "province_code)",
    "CREATE INDEX ix_person_live ON person(id, deleted)",
    "CREATE INDEX ix_bed_night_period ON bed_night(campaign_id, night_date, facility_id, "
    "person_id, correction_kind, id)",
    "CREATE INDEX ix_distribution_line_period ON distribution_line(campaign_id, event_id, "
    "household_id, person_id, item_id, kit_type_id, qty, correction_kind, id)",
    "CREATE INDEX ix_distribution_event_period ON distribution_event(id, occurred_on, geo_code, "
    "correction_kind)",
    "CREATE INDEX ix_household_reach ON household(id, deleted, geo_code, size_declared, "
    "counts_by_sex_age)",
    "DROP INDEX ix_distribution_line_household",
    "CREATE INDEX ix_distribution_line_household ON distribution_line(household_id, event_id, "
    "kit_type_id, item_id, qty, correction_kind, id)",
    "DROP INDEX ix_distribution_line_person",
    "CREATE INDEX ix_distribution_line_person ON distribution_line(person_id, event_id, "
    "kit_type_id, item_id, qty, correction_kind, id)",
    "DROP INDEX ix_household_member_hh",
    "CREATE INDEX ix_household_member_hh ON household_member(household_id, deleted, person_id)",
    "CREATE INDEX ix_service_delivery_period ON service_delivery(campaign_id, service_type, "
    "encounter_id, stay_id, item_id, facility_id, person_id, delivered_at, quantity, "
    "correction_kind, id)",
]


def migrate(db: Any) -> None:
    for sql in STATEMENTS:
        db.execute(sql)
    corrections = db.execute(
        "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' "
        "AND name LIKE 'ix\\_%\\_corrects' ESCAPE '\\' ORDER BY name"
    ).fetchall()
    for name, table in corrections:
        db.execute(f"DROP INDEX {name}")
        db.execute(f"CREATE INDEX {name} ON {table}(corrects_id) WHERE corrects_id IS NOT NULL")
