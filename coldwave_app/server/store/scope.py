"""Device scope: which rows a facility-scoped device (a shelter desk) receives and may touch.

A device's scope is `province:CODE` (the whole campaign, as before) or
`facility:ID`. A facility device receives:

(a) the campaign-wide reference tables (REFERENCE_TABLES);
(b) rows of FACILITY_TABLES whose merged `facility_id` is its facility;
(c) the persons and households those rows name, with the person's name variants,
    consents, identity documents and household memberships (and a membership's
    household, and that household's memberships);
(d) the rows linked to a case file of (b): assessments, referrals, follow-ups,
    notes, reintegrations and their mediation steps.

How: `row_scope` holds one grant per (row, facility), facility '' meaning every
device of the campaign. Grants are made as changes are appended (`track`, called by
`store.changes.append_changes` inside the writer's transaction), from the merged state
`field_state` as the batch sees it (store.batch_state), and never withdrawn: a
person once sheltered at a facility stays visible there. A grant walks the
references above both ways, so the order in which a stay, its person and the
person's documents arrive does not matter.

Catch-up: a grant records `granted_seq`, the sequence of the change that made it.
A facility device pulls the changes of its granted rows by their position
max(change seq, granted_seq): a person checked in at shelter B today has all of
their earlier changes sent to B's devices at today's position of the log, whatever
B's cursor. The changes of one grant share that position; a pull page never cuts
such a group (it may then hold more than `limit` changes).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from sqlalchemy import ColumnElement, Select, and_, case, select, union_all

from coldwave_app.server.db import changes, row_scope
from coldwave_app.server.store.batch_state import BatchState
from coldwave_app.sync.protocol import Change

CAMPAIGN_WIDE: Final = ""
"""The facility id of a grant to every device of the campaign."""

REFERENCE_TABLES: Final = frozenset(
    {
        "campaign",
        "app_user",
        "device",
        "organisation",
        "item",
        "kit_type",
        "kit_component",
        "entitlement_rule",
        "distribution_wave",
        "cold_alert",
        "campaign_target",
        "facility",
        "stock_location",
        "local_place",
        "review_item",
        "conflict",
    }
)

FACILITY_TABLES: Final = frozenset(
    {"stay", "bed_night", "service_delivery", "room", "bed", "case_file"}
)
"""Rows in scope of the facility named by their own `facility_id`."""

REFERENCES: Final[dict[str, tuple[tuple[str, str], ...]]] = {
    "stay": (("person_id", "person"), ("household_id", "household")),
    "bed_night": (("person_id", "person"),),
    "service_delivery": (("person_id", "person"),),
    "case_file": (("person_id", "person"), ("household_id", "household")),
    "household_member": (("household_id", "household"),),
}
"""table -> (field, table): a row in scope brings the row it names into scope."""

CHILDREN: Final[dict[str, tuple[tuple[str, str], ...]]] = {
    "person": (
        ("person_name_variant", "person_id"),
        ("consent", "person_id"),
        ("identity_document", "person_id"),
        ("household_member", "person_id"),
    ),
    "household": (("household_member", "household_id"),),
    "case_file": (
        ("intake_assessment", "case_id"),
        ("referral", "case_id"),
        ("follow_up", "case_id"),
        ("case_note", "case_id"),
        ("family_reintegration", "case_id"),
    ),
    "family_reintegration": (("mediation_step", "reintegration_id"),),
}
"""table -> (child table, field naming it): a row in scope brings its children."""

PARENTS: Final[dict[str, tuple[tuple[str, str], ...]]] = {}
"""child table -> (field, parent table): the inverse of CHILDREN."""
for _parent, _children in CHILDREN.items():
    for _child, _field in _children:
        PARENTS.setdefault(_child, ())
        PARENTS[_child] += ((_field, _parent),)

FACILITY_PREFIX: Final = "facility:"


def scope_facility(scope: str) -> str | None:
    """The facility of a `facility:ID` scope; None for a province (whole campaign)."""
    return scope[len(FACILITY_PREFIX) :] if scope.startswith(FACILITY_PREFIX) else None


def referenced_keys(changes: Iterable[Change]) -> set[tuple[str, str]]:
    """(table, row id) of the rows the inserts among `changes` name (their person,
    household, case file, ...): `track` reads those rows' grants, so a push preloads them."""
    keys: set[tuple[str, str]] = set()
    for change in changes:
        if change.op != "insert" or not isinstance(change.value, dict):
            continue
        for field, target in (*REFERENCES.get(change.table, ()), *PARENTS.get(change.table, ())):
            named = change.value.get(field)
            if isinstance(named, str) and named:
                keys.add((target, named))
    return keys


def row_facility(state: BatchState, table: str, row_id: str) -> str | None:
    """The merged `facility_id` of a row of FACILITY_TABLES (None: unknown or unset)."""
    value = state.value(table, row_id, "facility_id")
    return value if isinstance(value, str) and value else None


def _facilities(state: BatchState, table: str, row_id: str) -> set[str]:
    return state.facilities(table, row_id) - {CAMPAIGN_WIDE}


def _spread(state: BatchState, table: str, row_id: str, facility: str, position: int) -> None:
    """Grant the row to `facility`, then what it names and its children (iteratively)."""
    todo = [(table, row_id)]
    while todo:
        current, current_id = todo.pop()
        new = state.grant(current, current_id, facility, position)
        for field, target in REFERENCES.get(current, ()):
            named = state.value(current, current_id, field)
            if isinstance(named, str) and named:
                todo.append((target, named))
        if new:
            for child, field in CHILDREN.get(current, ()):
                todo.extend(
                    (child, child_id) for child_id in state.rows_naming(child, field, current_id)
                )


def track(*, state: BatchState, table: str, row_id: str, position: int) -> None:
    """Keep `row_scope` up to date after the change at batch `position` on (table,
    row_id) was folded into `state` (grants take that change's sequence)."""
    if table in REFERENCE_TABLES:
        state.grant(table, row_id, CAMPAIGN_WIDE, position)
        return
    facilities = set(_facilities(state, table, row_id))
    if table in FACILITY_TABLES:
        own = row_facility(state, table, row_id)
        if own:
            facilities.add(own)
    for field, parent in PARENTS.get(table, ()):
        parent_id = state.value(table, row_id, field)
        if isinstance(parent_id, str) and parent_id:
            facilities.update(_facilities(state, parent, parent_id))
    for facility in sorted(facilities):
        _spread(state, table, row_id, facility, position)


def other_scope(
    *,
    state: BatchState,
    facility: str,
    table: str,
    row_id: str,
    value: object,
    op: str,
    field: str | None,
) -> bool:
    """Whether a change by a device of `facility` touches another facility's row."""
    if table not in FACILITY_TABLES:
        return False
    if op == "insert" and isinstance(value, dict):
        named = value.get("facility_id")
        if named is not None and named != facility:
            return True
    if op == "update" and field == "facility_id" and value != facility:
        return True
    stored = row_facility(state, table, row_id)
    return stored is not None and stored != facility


def facility_pull_query(
    *, campaign_id: str, facility: str, device_id: str, cursor: int, ceiling: int
) -> tuple[Select[Any], ColumnElement[Any], ColumnElement[Any]]:
    """Changes of the rows granted to `facility` (or campaign-wide) past `cursor`.

    Returns the query (rows ordered by position, then sequence; the position is
    the column `position`), its position and sequence columns, to filter on. Two index-backed
    parts: the changes after the cursor in scope (ix_changes_campaign_seq, then the
    grant's primary key), and the earlier changes of rows granted after the cursor
    (ix_row_scope_facility, then ix_changes_row).
    """
    position = case(
        (changes.c.seq > row_scope.c.granted_seq, changes.c.seq),
        else_=row_scope.c.granted_seq,
    ).label("position")
    joined = changes.join(
        row_scope,
        and_(
            row_scope.c.table_name == changes.c.table_name,
            row_scope.c.row_id == changes.c.row_id,
            row_scope.c.campaign_id == changes.c.campaign_id,
        ),
    )
    recent = (
        select(changes, position)
        .select_from(joined)
        .where(
            changes.c.campaign_id == campaign_id,
            changes.c.seq > cursor,
            changes.c.seq <= ceiling,
            row_scope.c.facility_id.in_([facility, CAMPAIGN_WIDE]),
            row_scope.c.granted_seq <= ceiling,
            changes.c.device_id != device_id,
        )
    )
    catch_up = (
        select(changes, position)
        .select_from(joined)
        .where(
            row_scope.c.campaign_id == campaign_id,
            row_scope.c.facility_id.in_([facility, CAMPAIGN_WIDE]),
            row_scope.c.granted_seq > cursor,
            row_scope.c.granted_seq <= ceiling,
            changes.c.seq <= cursor,
            changes.c.device_id != device_id,
        )
    )
    both = union_all(recent, catch_up).subquery("scoped")
    query = select(both).order_by(both.c.position, both.c.seq)
    return query, both.c.position, both.c.seq
