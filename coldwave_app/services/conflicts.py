"""Reviewing sync conflicts: list the open ones, resolve one by keeping a side.

A conflict is a write overtaken by a later write whose author had not seen it
(storage/merge.py). Resolving it is two normal record writes in one transaction:
the field gets the chosen value (so the choice syncs like any edit and is stamped
after both sides), and the conflict row is marked resolved (so it closes on every
laptop).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final, Literal

from coldwave_app.domain.errors import N_, InvalidInput, RuleViolation
from coldwave_app.storage import conflict_queries
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.storage.record_writer import encode_value

__all__ = [
    "KEEP_CHOICES",
    "ConflictView",
    "Keep",
    "count_open_conflicts",
    "get_conflict",
    "list_conflicts",
    "resolve_conflict",
]

Keep = Literal["mine", "theirs", "value"]
KEEP_CHOICES: Final = ("mine", "theirs", "value")
MAX_PAGE: Final = 1000


@dataclass(frozen=True)
class ConflictView:
    """One conflict for a person to review; values decoded from their JSON form.

    `mine` is the overtaken write, `theirs` the field's current value; `base` is what
    both started from (`has_base` False when it cannot be found any more).
    """

    id: str
    table: str
    row_id: str
    field: str
    created_at: str
    base: Any
    has_base: bool
    mine: Any
    theirs: Any
    status: str
    label_latin: str = ""
    label_arabic: str = ""
    code: str = ""


def _decode(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _view(store: LocalStore, row: conflict_queries.ConflictRow) -> ConflictView:
    has_base, base = conflict_queries.base_value(store.db, row)
    latin, arabic, code = conflict_queries.record_label(store.db, row.table_name, row.row_id)
    return ConflictView(
        id=row.id, table=row.table_name, row_id=row.row_id, field=row.field,
        created_at=row.created_at, base=base, has_base=has_base,
        mine=_decode(row.mine_value), theirs=_decode(row.theirs_value), status=row.status,
        label_latin=latin, label_arabic=arabic, code=code,
    )  # fmt: skip


def list_conflicts(store: LocalStore, *, limit: int = 200, offset: int = 0) -> list[ConflictView]:
    """The open conflicts, oldest first, one page at a time."""
    if not 0 < limit <= MAX_PAGE or offset < 0:
        raise InvalidInput(N_("A page holds between 1 and {max} rows."), max=MAX_PAGE)
    rows = conflict_queries.open_conflict_rows(store.db, limit=limit, offset=offset)
    return [_view(store, row) for row in rows]


def count_open_conflicts(store: LocalStore) -> int:
    return conflict_queries.open_conflict_count(store.db)


def get_conflict(store: LocalStore, *, conflict_id: str) -> ConflictView:
    row = conflict_queries.conflict_row(store.db, conflict_id)
    if row is None:
        raise InvalidInput(N_("No conflict {id} on this laptop."), id=conflict_id)
    return _view(store, row)


def resolve_conflict(
    store: LocalStore, *, conflict_id: str, keep: str, value: Any = None
) -> ConflictView:
    """Keep "mine", "theirs" or a `value` typed by the reviewer; returns the closed conflict.

    Raises InvalidInput for an unknown choice or conflict, RuleViolation when the
    conflict was already resolved (on this laptop or, through sync, elsewhere).
    """
    if keep not in KEEP_CHOICES:
        raise InvalidInput(N_("Choose which value to keep: mine, theirs or another value."))
    row = conflict_queries.conflict_row(store.db, conflict_id)
    if row is None:
        raise InvalidInput(N_("No conflict {id} on this laptop."), id=conflict_id)
    if row.status != "open":
        raise RuleViolation(N_("This conflict has already been resolved."))
    chosen = {"mine": _decode(row.mine_value), "theirs": _decode(row.theirs_value)}.get(keep, value)
    writer = store.writer()
    with store.db.atomic():
        # Written even when keeping theirs: the decision is stamped after both sides,
        # on a base that has seen the winner, so no replica reopens the conflict.
        writer.update(
            row.table_name, row.row_id, {row.field: chosen}, seen={row.field: row.theirs_hlc}
        )
        writer.update(
            "conflict",
            conflict_id,
            {
                "status": "resolved",
                "resolved_by": store.user.id,
                "resolved_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "resolution_value": encode_value(chosen),
            },
        )
    return get_conflict(store, conflict_id=conflict_id)
