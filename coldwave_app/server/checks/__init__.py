"""Cross-device checks run by the server on each pushed batch (DESIGN.md §4, §5).

A laptop checks what it can see; only the server sees every device's work. After
a batch is judged (store.push), its accepted inserts of distribution lines and
persons are checked against the merged state of the campaign:

- `entitlements.double_serving`: entitlement rules broken across devices;
- `duplicates.likely_duplicates`: the same person registered on two devices,
  looked up in the blocking index `person_blocks` (refreshed first, for every
  person the batch inserts or renames).

Each finding becomes a `review_item` from the device 'server' (checks.review), in
the change log so every device of the campaign pulls it. Nothing is merged or undone.

The checks run in the push's transaction, inside a savepoint, while the change-log
lock is held: a finding is committed together with the changes that caused it (no
window where a crash loses it), its sequence follows theirs, and no other writer
can slip a line in between the check and its review item. A check that fails is
rolled back to the savepoint and logged; the push itself never fails because of it.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection

from coldwave_app.server.checks import person_blocks
from coldwave_app.server.checks.duplicates import likely_duplicates
from coldwave_app.server.checks.entitlements import double_serving
from coldwave_app.server.checks.review import Finding, append_review_item
from coldwave_app.server.checks.state import read_rows
from coldwave_app.sync.protocol import Change

log = logging.getLogger(__name__)

__all__ = ["run_checks"]

PersonRows = Callable[..., dict[str, dict[str, Any]]]
"""`person_rows(row_ids=[...])` -> {person id: merged row}."""


def run_checks(
    *,
    conn: Connection,
    campaign_id: str,
    accepted: list[Change],
    person_rows: PersonRows | None = None,
    created_persons: frozenset[str] = frozenset(),
) -> int:
    """Check the accepted changes of a batch; the number of review items added.

    `person_rows(ids)` gives merged person rows (the push passes its batch state,
    which holds them already); by default they are read from `field_state`.
    `created_persons`: persons the batch created (no old index rows to delete).
    Never raises: a failing check is logged and its savepoint rolled back.
    """
    if person_rows is None:
        person_rows = functools.partial(read_rows, conn=conn, table="person")
    line_ids = _inserted(accepted, "distribution_line")
    person_ids = _inserted(accepted, "person")
    moved = _blocking_moves(accepted)
    moved_rows = person_rows(row_ids=moved) if moved else {}
    if moved_rows and person_blocks.needs_refresh(moved_rows, created_persons):
        try:
            with conn.begin_nested():
                person_blocks.refresh(
                    conn=conn, campaign_id=campaign_id, rows=moved_rows, created=created_persons
                )
        except Exception:
            log.exception("person blocking index failed on campaign %s", campaign_id)
    # Only persons the index can block are compared (no savepoint for the others).
    person_ids = [
        pid
        for pid in person_ids
        if pid in moved_rows and person_blocks.blocked(pid, moved_rows[pid])
    ]
    checks: list[tuple[str, Callable[[], list[Finding]]]] = []
    if line_ids:
        checks.append(
            ("double serving", lambda: double_serving(
                conn=conn, campaign_id=campaign_id, line_ids=line_ids))
        )  # fmt: skip
    if person_ids:
        checks.append(
            ("likely duplicates", lambda: likely_duplicates(
                conn=conn, campaign_id=campaign_id,
                rows={pid: moved_rows[pid] for pid in person_ids}))
        )  # fmt: skip
    added = 0
    for name, check in checks:
        try:
            with conn.begin_nested():
                for finding in check():
                    added += append_review_item(conn=conn, campaign_id=campaign_id, finding=finding)
        except Exception:
            log.exception("cross-device check %r failed on campaign %s", name, campaign_id)
    return added


def _blocking_moves(changes: list[Change]) -> list[str]:
    """Persons whose entry in the blocking index the batch may have changed."""
    return list(
        dict.fromkeys(
            c.row_id
            for c in changes
            if c.table == "person"
            and (c.op == "insert" or c.field in person_blocks.BLOCKING_FIELDS)
        )
    )


def _inserted(changes: list[Change], table: str) -> list[str]:
    return list(dict.fromkeys(c.row_id for c in changes if c.op == "insert" and c.table == table))
